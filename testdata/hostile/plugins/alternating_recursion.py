"""Fails 4,000 frames deep in two functions calling each other: no run of one repeated frame
to collapse."""

import sys


def ping(n):
    return pong(n - 1) if n else 1 / 0


def pong(n):
    return ping(n - 1) if n else 1 / 0


class P:
    def init(self, config):  # expect: PC405
        sys.setrecursionlimit(5000)
        ping(4000)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
