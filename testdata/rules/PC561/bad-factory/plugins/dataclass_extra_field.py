"""A dataclass with a field the host never passes: the __init__ it makes requires prefix."""

from dataclasses import dataclass

from hostbase import Base


@dataclass  # expect: PC561
class Plugin(Base):
    options: dict
    prefix: str

    def process(self, items: list[str]) -> list[str]:
        return [self.prefix + item for item in items]
