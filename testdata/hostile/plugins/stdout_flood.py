"""Floods stdout in run()."""
import sys


class P:
    def init(self, config):
        pass

    def run(self):  # expect: PC420
        while True:
            sys.stdout.write("x" * 65536)  # expect: PC412

    def shutdown(self, timeout):
        pass


def new():
    return P()
