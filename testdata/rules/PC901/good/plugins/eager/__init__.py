"""Each suppression silences the finding on its own line."""

from demo_api import Plugin

print("loading eager")  # plugcheck: ignore[PC110]
print("still loading")  # noqa: T201  # plugcheck: ignore


class Eager(Plugin):
    def run(self) -> None:
        print("run")


def new() -> Plugin:
    return Eager()
