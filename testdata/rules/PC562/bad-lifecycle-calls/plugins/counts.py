"""process() returns how many items there are: the host iterates an int."""

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str]):  # expect: PC562
        if not items:
            return 0
        return len(items)
