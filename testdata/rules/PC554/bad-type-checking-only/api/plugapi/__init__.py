"""A tiny plugin API: the lifecycle protocol, the factory and register types."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Protocol, runtime_checkable


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


if TYPE_CHECKING:  # only type checkers import it: urllib.parse is not loaded at run time
    from plugapi.links import link
