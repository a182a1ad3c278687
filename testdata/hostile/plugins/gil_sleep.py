"""Sleeps in C while holding the interpreter lock (ctypes.PyDLL keeps it held across the
call): no other thread of the process runs, the harness's included."""

import ctypes


class P:
    def init(self, config):  # expect: PC405
        while True:  # a signal ends one sleep early
            ctypes.PyDLL(None).sleep(60)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
