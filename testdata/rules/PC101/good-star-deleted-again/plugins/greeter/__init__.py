"""Deletes new after one star import; a second star import binds it again."""

from .impl import *  # noqa: F403

del new  # noqa: F821

from .impl import *  # noqa: E402, F403
