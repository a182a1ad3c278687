"""A well-behaved plugin that takes a few seconds to start: the plugins next to it attack it."""

import time


class P:
    def init(self, config):
        time.sleep(3)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
