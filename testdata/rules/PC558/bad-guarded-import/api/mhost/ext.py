"""What an extension is: the host builds it with no arguments, then calls setup(registry)."""

from __future__ import annotations

from typing import Any


class Registry:
    def __init__(self) -> None:
        self.backends: list[type[Any]] = []

    def add(self, kind: str, cls: type[Any]) -> None:
        self.backends.append(cls)


class Extension:
    ext_name = ""

    def get_default_config(self) -> str:
        return ""

    def setup(self, registry: Registry) -> None:
        raise NotImplementedError
