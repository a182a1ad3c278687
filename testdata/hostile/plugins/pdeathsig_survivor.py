"""A grandchild in a session of its own that clears PR_SET_PDEATHSIG and ignores SIGHUP,
SIGTERM and SIGINT, meant to outlive the plugin."""

import ctypes
import os
import signal
import time


class P:
    def init(self, config):
        if os.fork() == 0:
            os.setsid()
            ctypes.CDLL(None).prctl(1, 0, 0, 0, 0)
            for number in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
                signal.signal(number, signal.SIG_IGN)
            if os.fork() == 0:
                while True:
                    time.sleep(0.05)
            os._exit(0)

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC410
        time.sleep(0.1)


def new():
    return P()
