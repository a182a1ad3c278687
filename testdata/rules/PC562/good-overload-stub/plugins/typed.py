"""process's overloads come first and its implementation last, as typing wants it."""

import typing

from hostbase import Base


class Plugin(Base):
    @typing.overload
    def process(self, items: list[str]) -> list[str]: ...

    @typing.overload
    def process(self, items: tuple[str, ...]) -> list[str]: ...

    def process(self, items: list[str] | tuple[str, ...]) -> list[str]:
        return list(items)
