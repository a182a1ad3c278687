"""Parameters without annotations: the body is judged with the host's types (mypy sees Any)."""

from plugapi import Plugin


class Worker:
    def init(self, config) -> None:
        self.count = config + 1  # expect: PC219

    def run(self) -> None:
        return None

    def shutdown(self, timeout) -> None:
        for step in range(timeout):  # expect: PC219
            self.step = step


def new() -> Plugin:
    return Worker()
