"""Finds its own token in memory, then writes `ok` steps and an `end` that name other plugins
(ids 0-63) on its result channel, hoping the server files them under those plugins."""
import gc
import json
import os

stamp = next(
    o.stamp
    for o in gc.get_objects()
    if isinstance(getattr(o, "stamp", None), dict) and "tok" in o.stamp
)
for other in range(64):
    if other == stamp["id"]:
        continue
    for record in (
        {"t": "done", "step": "import", "outcome": "ok", "seconds": 0.0},
        {"t": "end"},
    ):
        os.write(3, (json.dumps({**record, "tok": stamp["tok"], "id": other}) + "\n").encode())


class P:
    def init(self, config):
        raise RuntimeError("forger: broken init")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
