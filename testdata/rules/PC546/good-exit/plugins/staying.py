"""The hook exits only when the config asks for it."""

import sys

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    if config == "exit":
        sys.exit(0)
