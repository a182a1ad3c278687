"""Plugin is defined twice: Python keeps the later class, which subclasses Base (mypy types the
name by the first, a draft that does not)."""

from hostbase import Base


class Plugin:
    def process(self, items):
        return items


class Plugin(Base):  # type: ignore[no-redef]
    def process(self, items: list[str]) -> list[str]:
        return [item.upper() for item in items]
