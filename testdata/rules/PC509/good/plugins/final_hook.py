"""typing.final and atexit.register hand back the function they decorate: a plain hookimpl."""

import atexit
from typing import final

from demo_host import hookimpl


@hookimpl
@final
def demo_startup(config):
    return None


@hookimpl
@atexit.register
def demo_configure(config=None):
    return None
