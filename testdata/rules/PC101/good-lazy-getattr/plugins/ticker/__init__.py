"""Serves new lazily as impl.new."""

import importlib


def __getattr__(name):
    if name == "new":
        return importlib.import_module(".impl", __name__).new
    raise AttributeError(name)
