"""label has a default; tag is set by __post_init__: both are there when run() reads them."""

from dataclasses import dataclass, field


@dataclass
class Ticker:
    greeting: str = ""
    label: str = field(init=False, default="x")
    tag: str = field(init=False)

    def __post_init__(self):
        self.tag = "t"

    def init(self, config):
        self.greeting = config.get("greeting", "")

    def run(self):
        self.count = len(self.label) + len(self.tag)

    def shutdown(self, timeout):
        self.greeting = ""


def new():
    return Ticker()
