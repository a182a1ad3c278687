"""A tiny plugin API: the lifecycle protocol, the factory type, the configuration error."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable


class ConfigError(ValueError):
    """Raised by init() when the configuration is unusable."""


@runtime_checkable
class Plugin(Protocol):
    def init(self, config: Mapping[str, str]) -> None: ...

    def run(self) -> None: ...

    def shutdown(self, timeout: float) -> None: ...


Factory = Callable[[], Plugin]
