"""A ModuleType subclass that serves other names."""  # expect: PC101

import sys
import types

class Greeter:
    def init(self, config) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


class _Module(types.ModuleType):
    @property
    def version(self) -> str:
        return "1.0"


sys.modules[__name__].__class__ = _Module
