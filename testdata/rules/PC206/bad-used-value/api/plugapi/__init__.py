"""A tiny plugin API whose host reads shutdown()'s result: True when everything stopped."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable


@runtime_checkable
class Plugin(Protocol):
    def init(self, config: Mapping[str, str]) -> None: ...

    def run(self) -> None: ...

    def shutdown(self, timeout: float) -> bool: ...


class Registry:
    def __init__(self) -> None:
        self.factories: dict[str, Factory] = {}

    def add(self, name: str, factory: Factory) -> None:
        self.factories[name] = factory


Factory = Callable[[], Plugin]
Register = Callable[[Registry], None]
