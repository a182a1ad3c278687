"""A star re-export of a module that defines the factory with exec(): the star import copies
what exec() bound."""

from .impl import *  # noqa: F403
