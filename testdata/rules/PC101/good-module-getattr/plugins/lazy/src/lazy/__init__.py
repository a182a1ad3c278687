"""A plugin that imports its implementation on first use."""

from __future__ import annotations

import importlib

from plugapi import Factory


def __getattr__(name: str) -> Factory:
    if name == "new":
        impl = importlib.import_module(".impl", __name__)
        factory: Factory = impl.new
        return factory
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
