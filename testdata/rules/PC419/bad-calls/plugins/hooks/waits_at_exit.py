"""Waits at exit for a flush that nobody ever signals: the host never exits."""

import atexit
import threading

from demo_host import hookimpl

_flushed = threading.Event()


@hookimpl
def demo_startup(config):  # expect: PC419
    atexit.register(_flushed.wait)
    return "started"
