"""`importlib.import_module` of a name folded from a module constant (an f-string)."""

import importlib

LEGACY = "compat"
legacy = importlib.import_module(f"richtext.{LEGACY}")  # expect: PC530


def make():
    return legacy
