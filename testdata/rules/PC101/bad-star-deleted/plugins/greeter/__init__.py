"""Re-exports the implementation with a star import, then deletes new (a clean-up too far)."""

from .impl import *  # noqa: F403

del new  # noqa: F821  # expect: PC101
