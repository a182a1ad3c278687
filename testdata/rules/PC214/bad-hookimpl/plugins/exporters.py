"""Registers fine, but every call of demo_startup fails: it loads a backend by name that is not
installed."""

import importlib

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    backend = importlib.import_module("exporters_backend_not_installed")  # expect: PC214
    return backend.Exporter(config)
