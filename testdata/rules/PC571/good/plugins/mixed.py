"""The mixin comes first in the method resolution order: its process() implements Base's."""

from collections.abc import Iterable

from hostbase import Base


class Upper:
    def process(self, items: list[str]) -> Iterable[str]:
        return [item.upper() for item in items]


class Plugin(Upper, Base):
    pass
