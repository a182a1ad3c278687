"""Reads only the key the host passes."""

from hostbase import Base


class Plugin(Base):
    def __init__(self, options):
        self.level = int(options["level"])

    def process(self, items: list[str]) -> list[str]:
        return list(items)
