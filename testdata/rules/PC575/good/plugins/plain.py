"""A plain function that calls the partial, the instance and the cached helper."""

import functools

from demo_host import hookimpl


def _startup(config, verbose):
    return config


_bound = functools.partial(_startup, verbose=True)


@functools.lru_cache(maxsize=None)
def _cached(key):
    return key


@hookimpl
def demo_startup(config):
    _cached("startup")
    return _bound(config)
