"""Writes one line nested 300,000 deep on its result channel (fd 3): the fork server's
decoding of it raised RecursionError, the server exited, every plugin running then was run
again and the run was incomplete."""

import os


class P:
    def init(self, config):  # expect: PC425
        os.write(3, b"[" * 300000 + b"\n")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
