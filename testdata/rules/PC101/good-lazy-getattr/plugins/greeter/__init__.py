"""Serves new lazily from its submodule impl, which defines it."""

import importlib


def __getattr__(name):
    if name == "new":
        return getattr(importlib.import_module(".impl", __name__), "new")
    raise AttributeError(name)
