"""process() is under a decorator that marks it and returns nothing: Plugin.process is None."""

from typing import Any

from hostbase import Base


def logged(fn: Any) -> Any:
    fn.logged = True


class Plugin(Base):
    @logged  # expect: PC562
    def process(self, items: list[str]) -> list[str]:
        return list(items)
