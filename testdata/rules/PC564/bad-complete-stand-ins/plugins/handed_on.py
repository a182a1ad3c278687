"""Hands the options to Base.__init__, which only copies them, then reads a key the host never
passes: Plugin(options) raises KeyError: 'verbosity'."""

from hostbase import Base


class Plugin(Base):  # expect: PC564
    def __init__(self, options):
        super().__init__(options)
        self.verbosity = int(options["verbosity"])

    def process(self, items: list[str]) -> list[str]:
        return list(items)
