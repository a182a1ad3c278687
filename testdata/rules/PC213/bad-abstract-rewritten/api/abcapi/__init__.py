"""An API whose plugin base is an ABC: the host checks isinstance(obj, Plugin)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping


class Plugin(ABC):
    @abstractmethod
    def init(self, config: Mapping[str, str]) -> None: ...

    @abstractmethod
    def run(self) -> None: ...

    def shutdown(self, timeout: float) -> None:
        """Default: nothing to release."""


Factory = Callable[[], Plugin]
