"""process() keeps the items and returns nothing: the host iterates None."""

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str]):  # expect: PC562
        self.items = list(items)
