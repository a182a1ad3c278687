"""Hands out what both modules bind: the later star import's plugin() is the one the package
keeps, and it takes what the host passes."""

from .impl import *  # noqa: F403
from .fixed import *  # noqa: F403
