"""Loads its backend by name on every call; the backend is a module it ships."""

import importlib

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    backend = importlib.import_module("exporters.csv_backend")
    return backend.Exporter(config)
