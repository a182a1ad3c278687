"""The cache wraps a helper that process() calls with a tuple: hashable."""

import functools

from hostbase import Base


@functools.cache
def _upper(items: tuple[str, ...]) -> list[str]:
    return [item.upper() for item in items]


class Plugin(Base):
    def process(self, items: list[str]) -> list[str]:
        return _upper(tuple(items))
