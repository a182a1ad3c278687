"""Starts eight processes that each fill 64 MiB and wait, each within its own RLIMIT_AS
(lifecycle.memory, 192 MiB), then says how much its processes held at once: before, all of it,
512 MiB, and so for as many processes as it could start (red team red53)."""

import os
import time

SIZE = 64 << 20
held = []
for _ in range(8):
    ready, done = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(ready)
        block = b"\x01" * SIZE
        os.write(done, b"x")
        time.sleep(30)
        os._exit(0)
    os.close(done)
    if os.read(ready, 1):
        held.append(pid)
    os.close(ready)
alive = [pid for pid in held if os.waitpid(pid, os.WNOHANG) == (0, 0)]
for pid in alive:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
raise RuntimeError(f"held {len(alive) * 64} MiB at once in {len(alive)} processes")
