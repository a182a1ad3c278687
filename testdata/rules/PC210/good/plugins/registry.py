"""Registries the factory reads by keys their registrations store: a class keyword through
__init_subclass__, a class name through a metaclass, and keys a loop stores."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugapi import Plugin

_BY_KEY: dict[str, type[Any]] = {}
_BY_NAME: dict[str, type[Any]] = {}
_LOOPED: dict[str, int] = {}


class _Keyed:
    def __init_subclass__(cls, key: str = "base", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _BY_KEY[key] = cls


class _Naming(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _Naming:
        cls = super().__new__(mcls, name, bases, namespace)
        _BY_NAME[name.lower()] = cls
        return cls


for _word in ("Worker", "helper"):  # plugcheck: ignore[PC110]
    _LOOPED[_word] = len(_word)


class Worker(_Keyed, key="Worker"):
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


class Named(Worker, metaclass=_Naming):
    pass


def new() -> Plugin:
    assert _LOOPED["Worker"] and _BY_KEY["base"] is _BY_KEY["base"]
    made: Plugin = _BY_NAME["named"]()
    return made if isinstance(made, Named) else _BY_KEY["Worker"]()
