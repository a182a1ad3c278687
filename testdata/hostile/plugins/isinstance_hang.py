"""new() returns an object whose every missing attribute lookup never returns: the host's
isinstance() against its runtime-checkable Protocol asks for each member and hangs there."""

import time


class P:
    def __getattr__(self, name):
        while True:
            time.sleep(1)  # expect: PC404

    def __repr__(self):
        while True:
            pass


def new():
    return P()
