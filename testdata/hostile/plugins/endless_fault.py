"""Ignores SIGUSR1 (no stacks are dumped) and keeps adding lines to its own fault file, a dump
that never ends, while it hangs: the server waits for a whole dump at most GRACE_MOST after
asking for it (harness/worker/job.py), then kills it; the step is a timeout."""

import os
import signal
import threading
import time


def _trickle():
    fd = os.open("fault", os.O_WRONLY | os.O_APPEND)
    while True:
        os.write(fd, b'  File "elsewhere.py", line 1 in f\n')
        time.sleep(0.01)


class P:
    def init(self, config):  # expect: PC405
        signal.signal(signal.SIGUSR1, signal.SIG_IGN)
        threading.Thread(target=_trickle, daemon=True).start()
        time.sleep(60)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
