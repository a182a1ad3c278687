"""A plugin API with a registry of named factories."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable


@runtime_checkable
class Plugin(Protocol):
    def init(self, config: Mapping[str, str]) -> None: ...

    def run(self) -> None: ...

    def shutdown(self, timeout: float) -> None: ...


Factory = Callable[[], Plugin]


class Registry:
    """Named factories."""

    def __init__(self) -> None:
        self._factories: dict[str, Factory] = {}

    def add(self, name: str, factory: Factory) -> None:
        self._factories[name] = factory


Register = Callable[[Registry], None]
