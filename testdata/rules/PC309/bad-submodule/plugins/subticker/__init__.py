"""Imports its own metrics submodule on import: that module's imports run too."""

from __future__ import annotations

from plugapi import Plugin

from . import metrics
from .core import Ticker


def new() -> Plugin:
    metrics.count()
    return Ticker()
