"""new = None only where json cannot be imported; json always can, so the else: defines the
factory the host calls. The handler's None is an alternative, not the last binding."""

from __future__ import annotations

from collections.abc import Mapping


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.count = 0


try:
    import json
except ImportError:
    new = None
else:

    def new() -> Ticker:
        json.dumps({})
        return Ticker()
