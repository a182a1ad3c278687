"""What a plugin hands back for each schema: the host calls its on_enter(data)."""

from typing import Protocol


class Handler(Protocol):
    def on_enter(self, data: object) -> None: ...
