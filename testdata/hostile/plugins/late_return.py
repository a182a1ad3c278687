"""Sleeps in C past its deadline and returns when the harness's request for its stacks
(SIGUSR1) cuts the sleep short: a step that returned late, a timeout the driver measures."""

import ctypes


class P:
    def init(self, config):  # expect: PC405
        ctypes.CDLL(None).sleep(3)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
