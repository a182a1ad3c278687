"""A functools.lru_cache wrapper under the marker: pluggy 1.7 reads attributes with
inspect.getattr_static and takes Python functions only (up to 1.6 it was registered)."""

import functools

from demo_host import hookimpl


@hookimpl
@functools.lru_cache(maxsize=None)
def demo_startup(config):  # expect: PC575
    return config
