"""Other code, never run: the import system sees its timestamp .pyc does not match stale.py."""

import os

from demo_host import hookimpl


@hookimpl
def demo_configure(config):
    os.environ.clear()
