"""The removed module by name, where its ImportError is caught."""

import importlib

try:
    legacy = importlib.import_module("richtext.compat")
except ImportError:
    legacy = importlib.import_module("richtext.html")


def make():
    return legacy
