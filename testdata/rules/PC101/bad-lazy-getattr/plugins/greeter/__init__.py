"""Serves new lazily from a submodule that does not exist (impls, not impl)."""

import importlib


def __getattr__(name):
    if name == "new":
        return getattr(importlib.import_module(".impls", __name__), "new")  # expect: PC101
    raise AttributeError(name)
