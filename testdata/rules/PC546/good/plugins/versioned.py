"""Reads its own distribution's version in the hook, with a fallback where it is not installed,
and pluggy's version, which the target has."""

import importlib.metadata

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    versions = {"pluggy": importlib.metadata.version("pluggy")}
    try:
        versions["plugin"] = importlib.metadata.version("demo-versioned-plugin")
    except importlib.metadata.PackageNotFoundError:
        versions["plugin"] = "0"
    return None
