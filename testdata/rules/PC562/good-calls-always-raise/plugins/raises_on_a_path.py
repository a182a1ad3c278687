"""cleanup() raises only when nothing was processed; export() always raises, but the host
never calls it; prepare is replaced per instance."""

from __future__ import annotations

from stagehost import Stage


class Plugin(Stage):
    def __init__(self, name: str, options: dict[str, str]) -> None:
        super().__init__(name, options)
        self.prepare = self._ready  # type: ignore[method-assign]

    def _ready(self) -> None:
        self.seen: list[str] = []

    def prepare(self) -> None:
        raise RuntimeError("replaced in __init__")

    def process(self, items: list[str]) -> list[str]:
        self.seen.extend(items)
        return [item.upper() for item in items]

    def cleanup(self) -> None:
        if not self.seen:
            raise RuntimeError("nothing processed")

    def export(self) -> None:
        raise NotImplementedError
