"""Worker is registered as a virtual subclass of the host's ABC in a loop, which plugcheck's
reading of the source does not follow: mypy says Worker is no Plugin, but the harness's real
isinstance() check of what new() made passed: the static error is withdrawn."""

from __future__ import annotations

from collections.abc import Mapping

from abcapi import Plugin


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


for registered in (Worker,):  # plugcheck: ignore[PC110] (registration is import-time work)
    Plugin.register(registered)


def new() -> Plugin:
    return Worker()
