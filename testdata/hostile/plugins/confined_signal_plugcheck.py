"""Signals plugcheck itself (the worker's parent) and its process group (SIGCONT, harmless)."""

import os
import signal


class P:
    def init(self, config):  # expect: PC420
        with open(f"/proc/{os.getppid()}/stat") as stat:
            plugcheck = int(stat.read().rsplit(")", 1)[1].split()[1])
        os.kill(plugcheck, signal.SIGCONT)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
