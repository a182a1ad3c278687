"""Its implementation lives in a file whose name is no module name (`greeter-impl.py`): it
imports it through the import system's own steps, which is what an import statement does."""

from __future__ import annotations

import importlib.util
import os

from plugapi import Plugin

spec = importlib.util.spec_from_file_location(
    "greeter.impl", os.path.join(os.path.dirname(__file__), "greeter-impl.py")
)
if spec is None or spec.loader is None:
    raise ImportError("cannot load greeter-impl.py")
impl = importlib.util.module_from_spec(spec)
spec.loader.exec_module(impl)
Greeter = impl.Greeter


def new() -> Plugin:
    return Greeter()
