"""Hands out what its public module binds, plugin() among them."""

from .public import *  # noqa: F403
