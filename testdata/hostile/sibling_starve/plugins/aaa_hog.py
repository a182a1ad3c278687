"""Starves the plugin running next to it: 120 busy processes (libc's fork through ctypes, past
the process quota) for as long as its own steps may last, each just under its deadline. Before,
they took nearly all of the processors from it, past its deadline's 3x bound: a timeout (PC405)
for a healthy plugin, caused by another (red team red55)."""

import ctypes
import time

libc = ctypes.CDLL(None)
for _ in range(120):
    if libc.fork() == 0:
        while True:
            pass
time.sleep(0.45)


class P:
    def init(self, config):
        time.sleep(0.45)

    def run(self):
        time.sleep(0.45)

    def shutdown(self, timeout):
        time.sleep(0.45)


def new():
    return P()
