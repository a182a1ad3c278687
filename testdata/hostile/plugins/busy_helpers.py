"""Tries to buy time by starving its own main thread: two busy processes beside a main thread
that loops, more than a 2-CPU machine runs at once, so the main thread waits for a processor.
Its own processes' CPU is not starvation from outside (harness/worker/starvation.py): the step
still times out at its deadline, at its loop."""

import os


class P:
    def init(self, config):  # expect: PC405
        for _ in range(2):
            if os.fork() == 0:
                while True:
                    pass
        while True:
            pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
