"""Reads the key the host passes, and another one with a default."""

from hostbase import Base


class Plugin(Base):
    def __init__(self, options):
        self.level = int(options["level"])
        self.verbosity = int(options.get("verbosity", "0"))

    def process(self, items: list[str]) -> list[str]:
        return list(items)
