"""Reads a key the host never passes: it passes {"level": "1"} and says that is all it passes
(complete-stand-ins), so Plugin(options) raises KeyError: 'verbosity'."""

from hostbase import Base


class Plugin(Base):  # expect: PC564
    def __init__(self, options):
        self.verbosity = int(options["verbosity"])

    def process(self, items: list[str]) -> list[str]:
        return list(items)
