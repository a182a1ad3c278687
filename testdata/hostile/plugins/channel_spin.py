"""Writes on its result channel (fd 3) without end and without a newline, as fast as it can:
the fork server, draining it, must still keep every deadline and say it is alive."""

import os


class P:
    def init(self, config):  # expect: PC405
        chunk = b"x" * 65536
        while True:
            os.write(3, chunk)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
