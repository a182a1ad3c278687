"""__init__ skips Base.__init__ but sets self.options itself."""

from hostbase import Base


class Plugin(Base):
    def __init__(self, options):
        self.options = dict(options)

    def process(self, items: list[str]) -> list[str]:
        return [self.options.get("prefix", "") + item for item in items]
