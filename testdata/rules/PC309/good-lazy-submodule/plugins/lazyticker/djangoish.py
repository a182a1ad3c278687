"""Imported only by new(), under `except ImportError`: the missing framework is fine."""

from __future__ import annotations

import lazyticker_framework  # not installed

from .core import Ticker


def augment(ticker: Ticker) -> Ticker:
    lazyticker_framework.patch(ticker)
    return ticker
