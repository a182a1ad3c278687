"""A tiny plugin API whose run() returns the text the host prints, and a score."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable


@runtime_checkable
class Plugin(Protocol):
    def init(self, config: Mapping[str, str]) -> None: ...

    def run(self) -> str: ...

    def shutdown(self, timeout: float) -> float: ...


Factory = Callable[[], Plugin]
