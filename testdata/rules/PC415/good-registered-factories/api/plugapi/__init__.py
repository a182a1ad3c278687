"""A tiny plugin API: the lifecycle protocol, the factory type and a registry of factories."""

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
    """Named factories; a name can be registered once."""

    def __init__(self) -> None:
        self._factories: dict[str, Factory] = {}

    def add(self, name: str, factory: Factory) -> None:
        if name in self._factories:
            raise ValueError(f"plugin {name!r} registered twice")
        self._factories[name] = factory


Register = Callable[[Registry], None]
