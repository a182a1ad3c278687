"""The class lives in core.py; the import names cores."""

from __future__ import annotations

from plugapi import Plugin

from .cores import Ticker  # expect: PC309


def new() -> Plugin:
    return Ticker()
