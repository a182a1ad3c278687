"""Flushes at exit, and will not be interrupted: the host never exits."""

import atexit
import time


def _flush():
    while True:
        try:
            time.sleep(0.05)
        except BaseException:
            pass


def setup(app):  # expect: PC419
    atexit.register(_flush)
    return {"version": "1.0", "parallel_read_safe": True}
