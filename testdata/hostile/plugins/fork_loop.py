"""Forks in a loop in run(); the children sleep."""
import os
import time


class P:
    def init(self, config):
        pass

    def run(self):  # expect: PC420
        while True:
            if os.fork() == 0:
                time.sleep(60)
                os._exit(0)

    def shutdown(self, timeout):
        pass


def new():
    return P()
