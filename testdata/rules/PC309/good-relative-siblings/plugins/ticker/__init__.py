"""Every spelling of an import of the plugin's own modules, each naming a module it has."""

from __future__ import annotations

import importlib
from importlib import import_module

from plugapi import Plugin

from . import backends
from .backends.memory import BACKEND
from .core import Ticker

_core = importlib.import_module(".core", __name__)
_memory = import_module(f"{__name__}.backends.memory")
_also = importlib.import_module(".backends", __package__)

try:
    _fast = importlib.import_module(".fast", __name__)
except ImportError:
    _fast = None


def new() -> Plugin:
    assert backends and _memory and _also and _core.Ticker is Ticker
    ticker: Plugin = BACKEND()
    return ticker
