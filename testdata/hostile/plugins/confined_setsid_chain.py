"""A chain of 14 setsid + fork processes, each parent exiting at once: every generation is
an orphan in a session of its own, out of reach of a process-group kill."""

import os
import time

GENERATIONS = 14


class P:
    def init(self, config):
        if os.fork() == 0:
            for _ in range(GENERATIONS):
                os.setsid()
                if os.fork() != 0:
                    os._exit(0)
            time.sleep(120)
            os._exit(0)

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC410
        time.sleep(0.2)


def new():
    return P()
