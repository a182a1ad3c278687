"""The fast implementation: needs a package the target environment does not have."""

import demo_speedups

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    demo_speedups.warm(config)
