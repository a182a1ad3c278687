"""The stub class is for Windows only; Linux gets the full one."""

import sys

if sys.platform.startswith("win"):

    class Ticker:
        def init(self, config):
            self.greeting = ""

else:

    class Ticker:
        def init(self, config):
            self.greeting = config.get("greeting", "")

        def run(self):
            self.count = len(self.greeting)

        def shutdown(self, timeout):
            self.greeting = ""


def new():
    return Ticker()
