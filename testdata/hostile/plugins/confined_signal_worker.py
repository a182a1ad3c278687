"""Signals the harness worker, outside its own process group (SIGCONT: harmless if it got
through, but a SIGSTOP or SIGKILL would have got through the same way)."""

import os
import signal


class P:
    def init(self, config):  # expect: PC420
        os.kill(os.getppid(), signal.SIGCONT)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
