"""Plugin is defined twice: Python keeps the later class, which does not subclass Base."""

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str]) -> list[str]:
        return [item.upper() for item in items]


class Plugin:  # type: ignore[no-redef]  # expect: PC520
    def process(self, items):
        return items
