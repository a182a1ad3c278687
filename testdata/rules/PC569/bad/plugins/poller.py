"""Starts its polling thread when it is imported, before the host calls setup()."""

import threading
import time


def _poll():
    while True:
        time.sleep(0.05)  # expect: PC569


threading.Thread(target=_poll, name="poller").start()  # plugcheck: ignore[PC110]


def setup(app):
    return {"version": "1.0", "parallel_read_safe": True}
