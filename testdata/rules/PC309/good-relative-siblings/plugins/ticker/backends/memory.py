"""The in-memory backend."""

from __future__ import annotations

from ..core import Ticker

BACKEND = Ticker
