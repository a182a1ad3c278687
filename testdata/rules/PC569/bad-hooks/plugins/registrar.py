"""Starts its index thread while the host registers it (the addhooks hook, called at every
start-up) and never stops it: the host never exits."""

import threading

from demo_host import hookimpl

READY = threading.Event()


def _index():
    READY.wait()  # expect: PC569


@hookimpl
def demo_addhooks(pluginmanager):  # plugcheck: ignore[PC555]
    if not any(t.name == "index" for t in threading.enumerate()):
        threading.Thread(target=_index, name="index").start()
