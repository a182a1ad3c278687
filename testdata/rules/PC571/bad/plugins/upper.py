"""Implements `proces`, a typo: Base's abstract process() is left, so Plugin() raises."""

from collections.abc import Iterable

from hostbase import Base


class Plugin(Base):  # expect: PC571
    def proces(self, items: list[str]) -> Iterable[str]:
        return [item.upper() for item in items]
