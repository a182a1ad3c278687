"""Its bytecode is stale (built from other code, stamped with that code's size and time): the
import compiles this source instead, so the bytecode never runs."""

from demo_host import hookimpl


@hookimpl
def demo_configure(config):
    return None
