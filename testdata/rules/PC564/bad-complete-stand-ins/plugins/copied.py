"""process() reads an option the host never passes from the copy Base.__init__ keeps: every
process(items) raises KeyError: 'prefix'."""

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str]) -> list[str]:
        prefix = self.options["prefix"]  # expect: PC564
        return [prefix + item for item in items]
