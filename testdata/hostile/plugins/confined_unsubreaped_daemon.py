"""Gives up being a child subreaper (PR_SET_CHILD_SUBREAPER 0), then leaves a setsid daemon:
it would be reparented past the plugin's process, where the leak census does not look."""

import ctypes
import os
import time


class P:
    def init(self, config):
        ctypes.CDLL(None).prctl(36, 0, 0, 0, 0)
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                time.sleep(120)
            os._exit(0)
        os.wait()

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC410
        time.sleep(0.1)


def new():
    return P()
