"""Settings named opt_*, a check against a registry, and an owner that may be renamed."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

KNOWN: set[str] = {"width"}


class _Setting:
    def __set_name__(self, owner: type, name: str) -> None:
        if not name.startswith("opt_"):
            raise TypeError(f"{name}: settings are named opt_*")
        self.name = name


class _Known:
    def __set_name__(self, owner: type, name: str) -> None:
        if name not in KNOWN:
            raise TypeError(f"{name}: unknown setting")


class _Owned:
    def __set_name__(self, owner: type, name: str) -> None:
        KNOWN.add(name)
        setattr(owner, "__name__", "Ticker")
        if owner.__name__ != "Ticker":
            raise TypeError("settings belong to Ticker")


class Ticker:
    opt_level = _Setting()
    level = _Setting()
    level = 1  # the namespace holds the last value: no __set_name__ for level
    width = _Known()
    owned = _Owned()

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _ = (self.greeting)

    def shutdown(self, timeout: float) -> None:
        _ = ("bye")


def new() -> Plugin:
    return Ticker()
