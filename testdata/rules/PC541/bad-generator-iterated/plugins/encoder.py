"""process() is a generator: calling it runs nothing, the host's iteration runs its body."""

from collections.abc import Iterator

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str]) -> Iterator[str]:  # expect: PC541
        for item in items:
            yield item.encode("no-such-codec").decode()
