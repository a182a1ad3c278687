"""A plugin whose decorator turns its function into the instance the host registers."""

from __future__ import annotations

from collections.abc import Callable


class Greeter:
    def __init__(self, greet: Callable[[], str]) -> None:
        self.greet = greet

    def run(self) -> str:
        return self.greet()


def command() -> Callable[[Callable[[], str]], Greeter]:
    return Greeter


@command()
def plugin() -> str:
    return "hello"
