"""Implements process() itself."""

from collections.abc import Iterable

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str]) -> Iterable[str]:
        return [item.upper() for item in items]
