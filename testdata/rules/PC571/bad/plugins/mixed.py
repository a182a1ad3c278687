"""A mixin's process() comes after Base in the method resolution order: Base's abstract one
is what Plugin.process is."""

from collections.abc import Iterable

from hostbase import Base


class Upper:
    def process(self, items: list[str]) -> Iterable[str]:
        return [item.upper() for item in items]


class Plugin(Base, Upper):  # expect: PC571
    pass
