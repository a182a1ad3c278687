"""__init__ skips Base.__init__, and process reads only what this class sets."""

from hostbase import Base


class Plugin(Base):
    def __init__(self, options):
        self.level = 2

    def process(self, items: list[str]) -> list[str]:
        return [item * self.level for item in items]
