"""process() hands over to its own base's process, which returns a list."""

from hostbase import Base


class Upper(Base):
    def process(self, items: list[str]) -> list[str]:
        return [item.upper() for item in items]


class Plugin(Upper):
    def process(self, items: list[str]) -> list[str]:
        return super().process(items)
