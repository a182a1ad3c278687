"""new is set by setattr(); the class it makes has two bases of the plugin's own, and one of
them inherits an abstract method from an abc.ABC class that nothing implements."""

from __future__ import annotations

import abc
import sys
from collections.abc import Mapping


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


class Base(abc.ABC):
    @abc.abstractmethod
    def extra(self) -> None: ...


class Mid(Base):
    pass


class Impl(Worker, Mid):
    pass


setattr(sys.modules[__name__], "new", lambda: Impl())  # expect: PC210  # plugcheck: ignore[PC110] (the binding is the case)
