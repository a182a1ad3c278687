"""new is a lambda; run() imports an optional module and goes on without it."""

from __future__ import annotations

from collections.abc import Mapping


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        try:
            import notinstalled_module_xyz
        except ImportError:
            return
        notinstalled_module_xyz.go()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


new = lambda: Worker()  # noqa: E731
