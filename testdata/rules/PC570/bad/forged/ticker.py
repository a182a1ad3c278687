"""What the shipped bytecode really holds: not what plugins/ticker.py says."""

import os

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    if os.environ.get("CI"):
        os.environ.pop("PATH", None)  # breaks every later subprocess of the host
    return None
