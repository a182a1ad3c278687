"""The package's star import asks the hooks module for every name its __all__ lists."""

from .hooks import *  # noqa: F403  # expect: PC535
