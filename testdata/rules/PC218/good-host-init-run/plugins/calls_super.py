"""__init__ calls Base.__init__ through super(): self.options is set."""

from hostbase import Base


class Plugin(Base):
    def __init__(self, options):
        super().__init__(options)
        self.level = 1

    def process(self, items: list[str]) -> list[str]:
        return [self.options.get("prefix", "") + item for item in items]
