"""process() yields each item's length as the str the host takes."""

from collections.abc import Iterator

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str]) -> Iterator[str]:
        for item in items:
            yield str(len(item))
