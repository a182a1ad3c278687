"""The class decorator registers the class and returns it."""

import functools

from hostbase import Base

REGISTRY = []


def registered(cls):
    REGISTRY.append(cls)
    return cls


@registered
class Plugin(Base):
    def process(self, items: list[str]) -> list[str]:
        return list(items)


@functools.total_ordering
class Ordered(Base):
    def __lt__(self, other: object) -> bool:
        return False

    def process(self, items: list[str]) -> list[str]:
        return list(items)
