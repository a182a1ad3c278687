"""Hands out what the implementation module binds: a second star level."""

from .impl import *  # noqa: F403
