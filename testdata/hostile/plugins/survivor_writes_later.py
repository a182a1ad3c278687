"""shutdown() fails; a double-forked survivor in a session of its own keeps the result socket
(fd 3) and the token, and writes a passing shutdown once the plugin's process is gone."""

import gc
import json
import os
import time

STAMP = next(
    o.stamp
    for o in gc.get_objects()
    if isinstance(getattr(o, "stamp", None), bytes) and o.stamp.startswith(b'{"tok"')
)
FORGED = (
    {"t": "done", "step": "shutdown", "outcome": "ok", "seconds": 0.0},
    {"t": "end"},
)


class P:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC408
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                time.sleep(0.5)
                for _ in range(40):
                    for record in FORGED:
                        try:
                            os.write(3, STAMP + json.dumps(record)[1:].encode() + b"\n")
                        except OSError:
                            pass
                    time.sleep(0.05)
            os._exit(0)
        raise RuntimeError("shutdown failed for real")


def new():
    return P()
