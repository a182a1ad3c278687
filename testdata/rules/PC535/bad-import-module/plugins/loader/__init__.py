"""Loads its hooks module by name and reads a hookimpl the module never defines."""

import importlib

_hooks = importlib.import_module(".hooks", __name__)
demo_handle = _hooks.demo_handel  # expect: PC535
