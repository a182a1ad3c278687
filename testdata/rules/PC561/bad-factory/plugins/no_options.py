"""Its __init__ takes no options, which the host builds it with."""

from hostbase import Base


class Plugin(Base):  # expect: PC561
    def __init__(self) -> None:
        self.seen = []

    def process(self, items: list[str]) -> list[str]:
        return list(items)
