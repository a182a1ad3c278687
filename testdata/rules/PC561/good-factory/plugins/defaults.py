"""Its __init__ takes the options, and has a default for the rest."""

from hostbase import Base


class Plugin(Base):
    def __init__(self, options: dict[str, str], prefix: str = ">") -> None:
        super().__init__(options)
        self.prefix = prefix

    def process(self, items: list[str]) -> list[str]:
        return [self.prefix + item for item in items]
