"""Writes its index at exit, from a queue that nothing drains."""

import atexit
import queue

_pending = queue.Queue()


def _write_index():
    _pending.join()  # expect: PC419


def setup(app):
    _pending.put("index")
    atexit.register(_write_index)
    return {"version": "1.0", "parallel_read_safe": True}
