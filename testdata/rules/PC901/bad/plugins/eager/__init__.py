"""Suppressions that silence nothing: a fixed finding, a misspelt code, a bare ignore."""

from demo_api import Plugin

CACHE: dict[str, str] = {}  # plugcheck: ignore[PC110]  # expect: PC901
print("loading eager")  # plugcheck: ignore[PC110, PC11O]  # expect: PC901
NAMES = ["eager"]  # plugcheck: ignore  # expect: PC901


class Eager(Plugin):
    def run(self) -> None:
        print("run")


def new() -> Plugin:
    return Eager()
