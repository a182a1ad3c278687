"""A tiny plugin API: the lifecycle protocol, the factory type, the configuration error."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Protocol, runtime_checkable


class ConfigError(ValueError):
    """Raised by init() when the configuration is unusable."""


@runtime_checkable
class Plugin(Protocol):
    def init(self, config: Mapping[str, str]) -> None: ...

    def run(self) -> None: ...

    def shutdown(self, timeout: float) -> None: ...


Factory = Callable[[], Plugin]


class Registered:
    """Subclass to be registered by class name when the class is created."""

    registry: ClassVar[dict[str, type]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__name__ in Registered.registry:
            raise ValueError(f"plugin class {cls.__name__} registered twice")
        Registered.registry[cls.__name__] = cls
