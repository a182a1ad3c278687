"""count is field(init=False) with no default, set by __post_init__ before run() adds to it."""

from dataclasses import dataclass, field


@dataclass
class Counter:
    greeting: str = ""
    count: int = field(init=False)

    def __post_init__(self):
        self.count = 0

    def init(self, config):
        self.greeting = config.get("greeting", "")

    def run(self):
        self.count += 1

    def shutdown(self, timeout):
        self.greeting = ""


def new():
    return Counter()
