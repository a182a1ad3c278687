"""Work at import time (PC110), silenced by the PC1 prefix of its per-plugin ignore."""

from demo_api import Plugin

CACHE = dict(quiet=1)
CACHE.update(loaded=2)


def new() -> Plugin:
    return Plugin()
