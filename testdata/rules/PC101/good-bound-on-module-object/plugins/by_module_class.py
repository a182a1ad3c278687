"""The module's class becomes a ModuleType subclass whose property serves the factory (as
lazy-loading packages do)."""

import sys
import types

class Greeter:
    def init(self, config) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def _make() -> Greeter:
    return Greeter()


class _Module(types.ModuleType):
    @property
    def new(self):
        return _make


sys.modules[__name__].__class__ = _Module
