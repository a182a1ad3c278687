"""Reads an option of a settings object it has set to None a few lines above."""

from demo_host import hookimpl

SETTINGS = None
TIMEOUT = float(SETTINGS.timeout) if SETTINGS else 1.0
LIMIT = int(SETTINGS.limit)  # expect: PC515


@hookimpl
def demo_startup(config):
    return LIMIT
