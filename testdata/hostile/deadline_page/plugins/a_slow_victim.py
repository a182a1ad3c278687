"""A plugin whose init() sleeps 20 s where the host allows 1 s: the server kills it at its
step's deadline (PC405), unless a sibling stretches that deadline, when the run waits
for the whole 20 s (a plugin that never returns would hang the run)."""

import time


class P:
    def init(self, config):
        time.sleep(20)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
