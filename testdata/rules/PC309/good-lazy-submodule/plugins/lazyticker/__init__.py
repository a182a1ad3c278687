"""The package imports its Django-only helpers lazily, and tolerates their absence."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

from .core import Ticker


def new() -> Plugin:
    try:
        from .djangoish import augment
    except ImportError:  # the optional framework is not installed
        return Ticker()
    return augment(Ticker())


def _unused(config: Mapping[str, str]) -> None: ...
