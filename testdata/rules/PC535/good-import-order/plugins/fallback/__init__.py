"""An accelerated module the plugin does not ship, and the pure fallback that defines the name:
the handler runs on every import, and its import succeeds."""

from __future__ import annotations

from plugapi import Plugin

try:
    from ._speedups import Ticker
except ImportError:
    from ._pure import Ticker


def new() -> Plugin:
    return Ticker()
