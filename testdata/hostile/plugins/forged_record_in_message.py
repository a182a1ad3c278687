"""Raises with a message that carries, after a newline, a record stamped with its own token
saying init passed."""

import gc
import json

STAMP = next(
    o.stamp
    for o in gc.get_objects()
    if isinstance(getattr(o, "stamp", None), dict) and "tok" in o.stamp
)


class P:
    def init(self, config):  # expect: PC405
        line = json.dumps({"t": "done", "step": "init", "outcome": "ok", "seconds": 0.0, **STAMP})
        raise RuntimeError("bad config\n" + line + "\n")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
