"""Loads its implementation by a relative name without saying relative to what."""

from __future__ import annotations

import importlib

from plugapi import Plugin

_impl = importlib.import_module("._impl")  # expect: PC536


def new() -> Plugin:
    return _impl.Ticker()
