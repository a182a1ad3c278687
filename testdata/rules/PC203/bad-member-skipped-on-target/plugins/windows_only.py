"""run() exists on Windows only: on Linux the class has no run, and the host's isinstance
check against the protocol fails."""

import sys


class Ticker:  # expect: PC203
    def init(self, config):
        self.greeting = config.get("greeting", "")

    if sys.platform == "win32":

        def run(self):
            self.count = len(self.greeting)

    def shutdown(self, timeout):
        self.greeting = ""


def new():
    return Ticker()
