"""The core module defines Ticker; the import asks for TickerPlugin."""

from __future__ import annotations

from plugapi import Plugin

from .core import TickerPlugin  # expect: PC535


def new() -> Plugin:
    return TickerPlugin()
