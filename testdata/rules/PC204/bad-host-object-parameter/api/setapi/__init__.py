from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable


class Settings:
    verbose: bool = False


@runtime_checkable
class Plugin(Protocol):
    def init(self, config: Settings) -> None: ...

    def run(self) -> None: ...

    def shutdown(self, timeout: float) -> None: ...


Factory = Callable[[], Plugin]
