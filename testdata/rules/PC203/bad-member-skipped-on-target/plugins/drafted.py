"""shutdown() is written, then deleted in the class body: the class the host gets has none."""


class Ticker:  # expect: PC203
    def init(self, config):
        self.greeting = config.get("greeting", "")

    def run(self):
        self.count = len(self.greeting)

    def shutdown(self, timeout):
        self.greeting = ""

    del shutdown


def new():
    return Ticker()
