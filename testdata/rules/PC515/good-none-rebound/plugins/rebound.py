"""Names set to None, then rebound, or used only where the use may not run."""

from demo_host import hookimpl

registry = None
registry = {}
registry["x"] = 1

handler = None


def handler(config):
    return config


NAME = handler.__name__

cache = None
hit = cache and cache.get("key")
size = cache.size if cache is not None else 0
lazy = lambda: cache.get("key")  # noqa: E731
keys = [k for k in cache.keys()] if cache else []
kind = cache.__class__

try:
    import json as loader
except ImportError:
    loader = None
if loader is None:
    raise SystemExit("unreachable: json is in the stdlib")
dumped = loader.dumps({})


@hookimpl
def demo_startup(config):
    return registry, hit, size, lazy, keys, kind, dumped, NAME
