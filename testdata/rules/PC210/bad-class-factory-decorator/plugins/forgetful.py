"""The class decorator registers the class but returns nothing: Plugin is None afterwards."""

from hostbase import Base

REGISTRY = []


def registered(cls):
    REGISTRY.append(cls)


@registered  # expect: PC210
class Plugin(Base):
    def process(self, items: list[str]) -> list[str]:
        return list(items)
