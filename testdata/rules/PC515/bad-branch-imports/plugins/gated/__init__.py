"""The target (Python 3) decides this branch: importing the plugin runs ``gated.modern``."""

import sys

from .impl import new

if sys.version_info >= (3, 8):
    from . import modern
else:
    from . import legacy  # never runs on Python 3

__all__ = ["new", "modern", "legacy"]
