"""Kills its own process with SIGKILL from shutdown()."""
import os
import signal


class P:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC408
        os.kill(os.getpid(), signal.SIGKILL)


def new():
    return P()
