"""Starts a watcher thread when the host starts, and never stops it: the host never exits."""

import threading

from demo_host import hookimpl

STOP = threading.Event()


def _watch():
    STOP.wait()  # expect: PC569


@hookimpl
def demo_startup(config):
    threading.Thread(target=_watch, name="watcher").start()
    return "started"
