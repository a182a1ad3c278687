"""Fills its temporary directory (60 MiB of tmpfs, charged to its memory cgroup, in no one's
resident set), has twelve processes hold 24 MiB each, then grows its own process, the largest,
until plugcheck's memory bound for its processes together (twice lifecycle.memory and its
tmpfs, 448 MiB) is reached, within its own RLIMIT_AS: the cgroup's OOM killer ends it. Before,
that was reported as the plugin's own crash (PC404, killed by SIGKILL); it is a bound of
plugcheck's, not of the host: PC420 naming it."""

import os
import tempfile
import time

CHUNK = 1 << 20
for number in range(4):  # each file below RLIMIT_FSIZE (16 MiB)
    with open(os.path.join(tempfile.gettempdir(), f"fill-{number}"), "wb") as fill:
        for _ in range(15):
            fill.write(b"\x01" * CHUNK)
for _ in range(12):
    ready, done = os.pipe()
    if os.fork() == 0:
        os.close(ready)
        held = b"\x01" * (24 * CHUNK)
        os.write(done, b"x")
        time.sleep(30)
        os._exit(0)
    os.close(done)
    os.read(ready, 1)
    os.close(ready)
grown = [b"\x02" * CHUNK for _ in range(90)]
raise RuntimeError(f"grew by {len(grown)} MiB and was not stopped")
