"""Serves new lazily as impl.make, which impl does not define."""

import importlib


def __getattr__(name):
    if name == "new":
        return importlib.import_module(".impl", __name__).make  # expect: PC101
    raise AttributeError(name)
