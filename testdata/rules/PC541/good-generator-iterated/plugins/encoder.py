"""process() is a generator whose body works when the host iterates it."""

from collections.abc import Iterator

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str]) -> Iterator[str]:
        for item in items:
            yield item.encode("utf-8").decode()
