"""process is implemented first and its overloads written below it: the class keeps the last
binding, a typing.overload stub, which raises NotImplementedError on the host's call."""

import typing

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str] | tuple[str, ...]) -> list[str]:
        return list(items)

    @typing.overload
    def process(self, items: list[str]) -> list[str]: ...

    @typing.overload
    def process(self, items: tuple[str, ...]) -> list[str]: ...  # expect: PC562
