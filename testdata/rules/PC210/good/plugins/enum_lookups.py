"""Enumeration members looked up by a value a member has, by a name, or through _missing_."""

from __future__ import annotations

import enum
from collections.abc import Mapping

from plugapi import Plugin


class Worker(enum.Enum):
    DEFAULT = "default"

    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


class Lenient(enum.Enum):
    DEFAULT = "default"

    @classmethod
    def _missing_(cls, value: object) -> Lenient:
        return cls.DEFAULT

    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


class Numbered(enum.IntEnum):
    ONE = 1

    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


Kind = enum.Enum("Kind", ["FIRST", "SECOND"])
KIND = Kind(2)


def new() -> Plugin:
    if KIND is Kind["SECOND"] and Numbered(1.0) is Numbered.ONE:
        return Lenient("fast")
    return Worker("default")
