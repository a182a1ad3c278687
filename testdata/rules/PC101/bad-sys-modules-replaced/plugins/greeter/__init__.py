"""Defines new, then puts its legacy module in its place: the host's lookup sees legacy."""

import sys

from . import legacy
from .impl import new

__all__ = ["new"]

sys.modules[__name__] = legacy  # plugcheck: ignore[PC353]  # expect: PC101
