# The host's `import ticker` runs ticker/__init__.py beside this file, never this file.  # plugcheck: ignore[PC430]  # expect: PC578
"""Announces the host's start."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None
