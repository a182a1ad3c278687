"""The flags, handed on."""

from ticker._compat import FAST_INSTALLED, HAS_SPEEDUPS

__all__ = ["FAST_INSTALLED", "HAS_SPEEDUPS"]
