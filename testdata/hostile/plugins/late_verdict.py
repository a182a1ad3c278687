"""shutdown() fails; it patches its result channel so that right after the harness's `end`
it writes, with its own token, a shutdown that passed and another `end`."""

import gc
import json
import os


def _patch():
    channel = next(
        o
        for o in gc.get_objects()
        if isinstance(getattr(o, "stamp", None), bytes)
        and o.stamp.startswith(b'{"tok"')
        and hasattr(o, "send")
    )
    real = channel.send

    def send(message):
        real(message)
        if message.get("t") == "end":
            for record in (
                {"t": "step", "step": "shutdown", "deadline": 1.0, "target": None},
                {"t": "done", "step": "shutdown", "outcome": "ok", "seconds": 0.0},
                {"t": "end"},
            ):
                os.write(3, channel.stamp + json.dumps(record)[1:].encode() + b"\n")

    channel.send = send


class P:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC408
        _patch()
        raise RuntimeError("shutdown failed for real")


def new():
    return P()
