"""Writes 4 MiB without a newline on its result channel (fd 3), then returns: the server must
not buffer it all, nor take the step as passed."""

import os


class P:
    def init(self, config):  # expect: PC405
        for _ in range(4):
            os.write(3, b"x" * (1 << 20))

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
