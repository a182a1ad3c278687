"""Finds its own token in memory, then writes `ok` steps and an `end` that name other plugins
(ids 0-63) on its result channel, hoping the server files them under those plugins. Then two
records stamped as its own that the server forwards undecoded: one that closes itself early to
set the server's own keys of its result (its exit status, what it left running), one whose
later `t` makes it another kind of record."""
import gc
import json
import os

own = next(
    o.stamp
    for o in gc.get_objects()
    if isinstance(getattr(o, "stamp", None), bytes) and o.stamp.startswith(b'{"tok"')
)
stamp = json.loads(own + b'"t": null}')
for other in range(64):
    if other == stamp["id"]:
        continue
    for record in (
        {"t": "done", "step": "import", "outcome": "ok", "seconds": 0.0},
        {"t": "end"},
    ):
        forged = {"tok": stamp["tok"], "id": other, **record}  # the stamp's order: its keys first
        os.write(3, (json.dumps(forged) + "\n").encode())
done = b'"t": "done", "step": "import", "outcome": "ok", "seconds": 0.0'
os.write(3, own + done + b'}], "exit": 0, "killed": false, "escaped": [], "x": [{"y": 1\n')
os.write(3, own + done + b', "t": "step"}\n')


class P:
    def init(self, config):
        raise RuntimeError("forger: broken init")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
