"""Loads its implementation by name, as plugins with optional backends do; the name is wrong."""

from __future__ import annotations

import importlib

from plugapi import Plugin

_core = importlib.import_module(".kore", __name__)  # expect: PC309


def new() -> Plugin:
    ticker: Plugin = _core.Ticker()
    return ticker
