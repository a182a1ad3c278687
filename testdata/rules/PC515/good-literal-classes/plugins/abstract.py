"""Abstract classes whose instances made at import succeed, or may: a subclass implements the
abstract method (by a def, or a plain assignment), a class with its own `__new__`, a call
under a conditional's branch, and one in a function nobody calls at import."""

import abc
import sys
from collections.abc import Mapping

from plugapi import Plugin


class _Base(abc.ABC):
    @abc.abstractmethod
    def helper(self) -> int: ...


class _Done(_Base):
    def helper(self) -> int:
        return 1


def _one(self: object) -> int:
    return 1


class _Assigned(_Base):
    helper = _one


class _Made(_Base):
    def __new__(cls) -> "_Made":
        return object.__new__(_Done)  # type: ignore[return-value]


_done = _Done()
_assigned = _Assigned()
_made = _Made()
_maybe = _Base() if sys.version_info < (3, 0) else None


def _later() -> _Base:
    return _Base()


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Ticker()
