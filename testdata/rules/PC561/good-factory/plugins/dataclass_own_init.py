"""A dataclass that defines its own __init__: dataclass keeps it."""

from dataclasses import dataclass

from hostbase import Base


@dataclass
class Plugin(Base):
    options: dict
    prefix: str

    def __init__(self, options: dict) -> None:
        super().__init__(options)
        self.prefix = options.get("prefix", ">")

    def process(self, items: list[str]) -> list[str]:
        return [self.prefix + item for item in items]
