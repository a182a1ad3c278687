"""Subscripts the host's Base, which is no generic class: the class statement raises TypeError."""

from hostbase import Base


class Plugin(Base[str]):  # expect: PC515
    def process(self, items: list[str]) -> list[str]:
        return list(items)
