"""Prefix mode: __dir__ lists a hook that __getattr__ fetches with importlib into a local."""

import importlib


def __getattr__(name):
    if name == "demo_startup":
        hook = importlib.import_module("._impl", __name__).startup
        return hook
    raise AttributeError(name)


def __dir__():
    return ["demo_startup"]
