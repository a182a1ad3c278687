"""Types for the checker only."""

from typing import override

__all__ = ["override"]
