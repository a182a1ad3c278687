"""Picks the fast implementation when it imports, the slow one otherwise."""

from __future__ import annotations

from plugapi import Plugin

try:
    from ._fast import Impl
except ImportError:
    from ._slow import Impl


def new() -> Plugin:
    return Impl()
