"""The full class is defined for Windows (os.name == "nt"); Linux gets a stub with init only."""

import os

if os.name == "nt":

    class Ticker:
        def init(self, config):
            self.greeting = config.get("greeting", "")

        def run(self):
            self.count = len(self.greeting)

        def shutdown(self, timeout):
            self.greeting = ""

else:

    class Ticker:  # expect: PC203
        def init(self, config):
            self.greeting = ""


def new():
    return Ticker()
