"""cleanup() was left a stub: every call the host makes raises."""

from __future__ import annotations

from stagehost import Stage


class Plugin(Stage):
    def process(self, items: list[str]) -> list[str]:
        return [item.upper() for item in items]

    def cleanup(self) -> None:
        self.options.clear()
        raise NotImplementedError("cleanup")  # expect: PC562
