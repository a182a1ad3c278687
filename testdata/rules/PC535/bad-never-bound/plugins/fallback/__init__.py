"""An accelerated module the plugin does not ship, and a pure fallback that lacks the name: the
handler runs on every import, and its import fails."""

from __future__ import annotations

from plugapi import Plugin

try:
    from ._speedups import Ticker
except ImportError:
    from ._pure import Ticker  # expect: PC535


def new() -> Plugin:
    return Ticker()
