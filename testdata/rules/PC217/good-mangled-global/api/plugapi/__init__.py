"""A tiny plugin API: the lifecycle protocol, the factory and register types."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable


@runtime_checkable
class Plugin(Protocol):
    def init(self, config: Mapping[str, str]) -> None: ...

    def run(self) -> None: ...

    def shutdown(self, timeout: float) -> None: ...


class Registry:
    def __init__(self) -> None:
        self.factories: dict[str, Factory] = {}

    def add(self, name: str, factory: Factory) -> None:
        self.factories[name] = factory


Factory = Callable[[], Plugin]
Register = Callable[[Registry], None]
