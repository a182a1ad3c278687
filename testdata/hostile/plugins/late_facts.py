"""Leaves a thread running, and patches its result channel so that right after the harness's
`end` it writes, with its own token, leak facts that name nothing: its verdict rewritten
after the run."""

import gc
import json
import os
import threading
import time


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
            record = {"t": "facts", "step": "after-shutdown", "facts": {"threads": []}}
            os.write(3, channel.stamp + json.dumps(record)[1:].encode() + b"\n")

    channel.send = send


class P:
    def init(self, config):
        threading.Thread(target=time.sleep, args=(30,), name="left").start()

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC410
        _patch()


def new():
    return P()
