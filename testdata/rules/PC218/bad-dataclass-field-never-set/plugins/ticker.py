"""label is field(init=False) with no default: dataclass deletes the class attribute and
__init__ never sets it, so run() reading self.label raises AttributeError."""

from dataclasses import dataclass, field


@dataclass
class Ticker:
    greeting: str = ""
    label: str = field(init=False)

    def init(self, config):
        self.greeting = config.get("greeting", "")

    def run(self):
        self.count = len(self.label)  # expect: PC218

    def shutdown(self, timeout):
        self.greeting = ""


def new():
    return Ticker()
