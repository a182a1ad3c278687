"""new = Ticker if STABLE else Draft with STABLE = False: the host gets a Draft, which has no
run() or shutdown()."""


class Ticker:
    def init(self, config):
        self.greeting = config.get("greeting", "")

    def run(self):
        self.count = len(self.greeting)

    def shutdown(self, timeout):
        self.greeting = ""


class Draft:  # expect: PC203
    def init(self, config):
        self.greeting = ""


STABLE = False

new = Ticker if STABLE else Draft
