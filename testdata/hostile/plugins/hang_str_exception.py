"""init() raises an exception whose __str__ and __repr__ never return (one sleeps, one spins):
the host's own traceback would hang too, but the plugin's failure is the exception it raised at
its own line. Before, describing it took the step's whole deadline: a timeout at __str__."""

import time


class Stuck(Exception):
    def __str__(self):
        while True:
            time.sleep(0.05)

    def __repr__(self):
        while True:
            pass


class P:
    def init(self, config):  # expect: PC405
        raise Stuck()

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
