"""Worker is registered with collections.abc.Sized, not with the host's Plugin: isinstance(obj,
Plugin) is False, whatever the register() call makes of Sized."""

from __future__ import annotations

from collections.abc import Mapping, Sized

from abcapi import Plugin


class Worker:  # expect: PC202
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""

    def __len__(self) -> int:
        return len(self.greeting)


Sized.register(Worker)  # plugcheck: ignore[PC110] (registration is import-time work)


def new() -> Plugin:
    return Worker()
