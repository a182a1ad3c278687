"""A plugin API whose registry cannot be built without the host's configuration."""

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
    """Named factories; only the host, which knows its data directory, can build one."""

    def __init__(self) -> None:
        raise RuntimeError("Registry() needs the host's data directory")

    def add(self, name: str, factory: Factory) -> None:
        raise NotImplementedError


Register = Callable[[Registry], None]
