# A folder of the same name without __init__ is a namespace portion: `import ticker` runs this.
"""Announces the host's start."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    return None
