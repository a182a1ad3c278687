"""The hook ends the process on every call: pluggy registers it, the host's call exits."""

import sys

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    sys.exit(0)  # expect: PC546
    return None
