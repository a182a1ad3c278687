"""Its __init__ wants a second argument the host never passes."""

from hostbase import Base


class Plugin(Base):  # expect: PC561
    def __init__(self, options: dict[str, str], prefix: str) -> None:
        super().__init__(options)
        self.prefix = prefix

    def process(self, items: list[str]) -> list[str]:
        return [self.prefix + item for item in items]
