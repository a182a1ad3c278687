"""Helpers for Python 3.12 and newer."""

from typing import override  # expect: PC558

__all__ = ["override"]
