"""Counts the greeting's letters, and returns the count where the host wants text. Its loose
annotations (Any) leave mypy nothing to compare: only the real call shows it."""

from typing import Any


class Counter:
    def init(self, config: Any) -> None:
        self.greeting = config["greeting"]

    def run(self) -> Any:  # expect: PC407
        return len(self.greeting)

    def shutdown(self, timeout: Any) -> Any:
        return 0.0


def new() -> Counter:
    return Counter()
