"""Reads its own distribution's version in the hook: the target has no such distribution, so
every call raises PackageNotFoundError."""

import importlib.metadata

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    version = importlib.metadata.version("demo-versioned-plugin")  # expect: PC546
    return version
