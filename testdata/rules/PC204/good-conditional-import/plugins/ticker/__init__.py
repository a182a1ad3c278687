"""json is installed: _fast's Ticker is used, _slow's (with a wrong run) never is."""

from __future__ import annotations

from plugapi import Plugin

try:
    from ._fast import Ticker as Chosen
except ImportError:
    from ._slow import Ticker as Chosen  # type: ignore[assignment]


def new() -> Plugin:
    return Chosen()
