"""Hands out what the implementation module binds, plugin() among them."""

from .impl import *  # noqa: F403
