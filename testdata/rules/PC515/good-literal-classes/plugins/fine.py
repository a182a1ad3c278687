"""Each statement of bad-literal-classes, correct, or with a failure that is not certain."""

import enum
import re
from collections.abc import Mapping

from plugapi import Plugin

LABEL = "%s-%d" % ("ticker", 1)
LOW, HIGH = "ab"
FIRST, *REST = (1, 2, 3)
PATTERN = re.compile(r"(tick)")
EXPANDED = "%(name)s" % {"name": "x"}


class Base:
    pass


class Child(Base):
    pass


class Mixed(Child, Base):
    pass


class Meta(type):
    pass


class Sub(Meta):
    pass


class A(metaclass=Meta):
    pass


class B(metaclass=Sub):
    pass


class Both(A, B):
    pass


class Point:
    __slots__ = ("x", "y")
    z = 0


class Slotted:
    __slots__ = ("value",)


SLOT = Slotted.value


class Unslotted:
    __slots__ = "x"

    def __init__(self) -> None:
        self.x = 1


@enum.unique
class Mode(enum.Enum):
    FAST = 1
    QUICK = 2
    SLOW = 1.5


class Alias(enum.Enum):
    FAST = 1
    QUICK = 1


class Registered:
    pass


Registered.extra = 1  # type: ignore[attr-defined]
EXTRA = Registered.extra  # type: ignore[attr-defined]
NAME = Base.__name__


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Ticker()

