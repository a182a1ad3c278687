"""Starts a non-daemon thread in setup() that waits for an event nobody sets: the host's
interpreter waits for it at exit, so the host (sphinx-build in CI) never exits."""

import threading

STOP = threading.Event()


def _watch():
    STOP.wait()  # expect: PC569


def setup(app):
    threading.Thread(target=_watch, name="watcher").start()
    return {"version": "1.0", "parallel_read_safe": True}
