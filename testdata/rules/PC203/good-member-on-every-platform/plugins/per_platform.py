"""run() is bound on every platform (one definition per branch), shutdown() by a chained
assignment, and the full class is the one Linux gets."""

import sys


class Ticker:
    def init(self, config):
        self.greeting = config.get("greeting", "")

    if sys.platform == "win32":

        def run(self):
            raise OSError("not on Windows")

    else:

        def run(self):
            self.count = len(self.greeting)

    def _noop(self, *args):
        return None

    shutdown = _noop


def new():
    return Ticker()
