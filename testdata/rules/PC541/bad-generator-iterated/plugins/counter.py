"""process() yields each item's length where the host takes each one as a str."""

from collections.abc import Iterator
from typing import Any

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str]) -> Iterator[Any]:  # expect: PC541
        for item in items:
            yield len(item)
