"""Loads its implementation module by name and re-exports its hookimpl."""

from importlib import import_module

_impl = import_module(f"{__name__}.impl")
demo_handle = _impl.demo_handle
