"""new is set on the module by setattr(); Worker leaves an abstract method unimplemented."""

from __future__ import annotations

import sys
from abc import ABC, abstractmethod
from collections.abc import Mapping


class Worker(ABC):
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


setattr(sys.modules[__name__], "new", lambda: Worker())  # expect: PC210  # plugcheck: ignore[PC110] (the binding is the case)
