"""No __init__ of its own: Base.__init__ runs and sets self.options."""

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str]) -> list[str]:
        return [self.options.get("prefix", "") + item for item in items]
