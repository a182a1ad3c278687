"""new is set on the module by setattr(); the class it makes implements every abstract method."""

from __future__ import annotations

import sys
from abc import ABC, abstractmethod
from collections.abc import Mapping


class Base(ABC):
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""

    @abstractmethod
    def reload(self) -> None: ...


class Worker(Base):
    def reload(self) -> None:
        self.greeting = ""


setattr(sys.modules[__name__], "new", lambda: Worker())  # plugcheck: ignore[PC110] (the binding is the case)
