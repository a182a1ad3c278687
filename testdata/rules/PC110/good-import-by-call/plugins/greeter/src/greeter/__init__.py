"""Imports spelled as calls: importing a module by name is what an import statement does."""

from __future__ import annotations

import importlib
from importlib import import_module as load

from plugapi import Plugin

__import__("json")
importlib.import_module("json.decoder")
load("string")

# A probe for a conflicting package (SQLAlchemy's mypy plugin refuses to run beside stubs):
try:
    __import__("greeter-conflicting-stubs")
except ImportError:
    pass
else:
    raise ImportError("greeter does not work with greeter-conflicting-stubs installed")


class Greeter:
    def run(self) -> str:
        return "hello"


def new() -> Plugin:
    return Greeter()
