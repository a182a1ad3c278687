"""init() asks for a dict[str, object] where the protocol declares Mapping[str, str]: mypy calls
dict's value type invariant, but nothing checks it at run time; the host's dict of strings is a
dict[str, object] to Python. A warning, as for any narrower parameter."""

from __future__ import annotations

from plugapi import Plugin


class LooseTicker:
    def init(self, config: dict[str, object]) -> None:  # expect: PC204
        self.greeting = str(config.get("greeting", ""))

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return LooseTicker()
