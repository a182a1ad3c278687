"""new is stored through globals(); the class it makes inherits an abstract method of the
plugin's own ABC that nothing implements."""

from __future__ import annotations

import abc
from collections.abc import Mapping


class Base(abc.ABC):
    @abc.abstractmethod
    def reload(self) -> None: ...

    def shutdown(self, timeout: float) -> None:
        pass


class Worker(Base):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        pass


globals()["new"] = lambda: Worker()  # expect: PC210
