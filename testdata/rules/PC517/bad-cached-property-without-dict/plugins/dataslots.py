"""run() itself is a cached_property of a dataclass(slots=True): reading it raises."""

from dataclasses import dataclass
from functools import cached_property


@dataclass(slots=True)
class Ticker:
    greeting: str = ""

    def init(self, config):
        self.greeting = config.get("greeting", "")

    @cached_property
    def run(self):  # expect: PC517
        return lambda: None

    def shutdown(self, timeout):
        self.greeting = ""


def new():
    return Ticker()
