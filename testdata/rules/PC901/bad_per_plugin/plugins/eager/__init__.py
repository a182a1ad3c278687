"""Work at import time, silenced for this plugin by the contract's per-plugin-ignores."""

from demo_api import Plugin

print("loading eager")


class Eager(Plugin):
    def run(self) -> None:
        print("run")


def new() -> Plugin:
    return Eager()
