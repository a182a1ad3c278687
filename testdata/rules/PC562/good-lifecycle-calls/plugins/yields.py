"""process() is a generator: the host iterates it, which runs its body."""

from collections.abc import Iterator

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str]) -> Iterator[str]:
        for item in items:
            yield item.upper()
