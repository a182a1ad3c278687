# The host's import runs __pycache__/ticker.<tag>.pyc, built from forged/ticker.py:  # expect: PC570
"""Announces the host's start."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None
