"""Raises with a message that carries, after a newline, a record stamped with its own token
saying init passed."""

import gc
import json

STAMP = next(
    o.stamp
    for o in gc.get_objects()
    if isinstance(getattr(o, "stamp", None), bytes) and o.stamp.startswith(b'{"tok"')
)


class P:
    def init(self, config):  # expect: PC405
        record = {"t": "done", "step": "init", "outcome": "ok", "seconds": 0.0}
        line = STAMP.decode() + json.dumps(record)[1:]
        raise RuntimeError("bad config\n" + line + "\n")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
