"""__init__ replaces Base.__init__ and never calls it: self.options is never set."""

from hostbase import Base


class Plugin(Base):
    def __init__(self, options):
        self.level = int(options.get("level", 0))

    def process(self, items: list[str]) -> list[str]:
        return [self.options.get("prefix", "") + item for item in items]  # expect: PC218
