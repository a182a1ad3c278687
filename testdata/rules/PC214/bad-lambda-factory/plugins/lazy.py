"""new is a lambda; run() imports a module that is not installed."""

from __future__ import annotations

from collections.abc import Mapping


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        import notinstalled_module_xyz  # expect: PC214

        notinstalled_module_xyz.go()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


new = lambda: Worker()  # noqa: E731
