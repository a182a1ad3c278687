"""A plugin module in a namespace package of site-packages (sphinxcontrib.mermaid): named by
path, it is nsx.mod, and its relative import reaches its sibling."""

from __future__ import annotations

from plugapi import Plugin

from ._helper import Ticker


def new() -> Plugin:
    return Ticker()
