"""The package: the factory, and the default interval the core module reads."""

from __future__ import annotations

from plugapi import Plugin

from .clock import Clock

INTERVAL = 5.0


def new() -> Plugin:
    return Clock()
