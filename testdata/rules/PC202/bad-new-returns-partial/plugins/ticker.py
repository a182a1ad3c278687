"""__new__ returns a Legacy object, which has init() and run() but no shutdown()."""


class Legacy:
    def init(self, config):
        self.greeting = ""

    def run(self):
        self.count = 0


class Ticker:
    def __new__(cls):
        return Legacy()  # expect: PC202

    def init(self, config):
        self.greeting = config.get("greeting", "")

    def run(self):
        self.count = len(self.greeting)

    def shutdown(self, timeout):
        self.greeting = ""


def new():
    return Ticker()
