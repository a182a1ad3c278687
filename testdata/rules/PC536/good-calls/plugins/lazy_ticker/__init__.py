"""Loads its implementation by a relative name, anchored on its own package."""

from __future__ import annotations

import importlib

from plugapi import Plugin

_impl = importlib.import_module("._impl", __name__)


def new() -> Plugin:
    return _impl.Ticker()
