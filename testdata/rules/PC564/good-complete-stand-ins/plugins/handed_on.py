"""Hands the options to Base.__init__, which only copies them, then reads the key the host
passes."""

from hostbase import Base


class Plugin(Base):
    def __init__(self, options):
        super().__init__(options)
        self.level = int(options["level"])

    def process(self, items: list[str]) -> list[str]:
        return list(items)
