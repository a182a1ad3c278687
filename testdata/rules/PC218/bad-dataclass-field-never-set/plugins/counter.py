"""count is field(init=False) with no default, and the only code touching it adds to it:
`self.count += 1` reads self.count first, so run() raises AttributeError."""

from dataclasses import dataclass, field


@dataclass
class Counter:
    greeting: str = ""
    count: int = field(init=False)

    def init(self, config):
        self.greeting = config.get("greeting", "")

    def run(self):
        self.count += 1  # expect: PC218

    def shutdown(self, timeout):
        self.greeting = ""


def new():
    return Counter()
