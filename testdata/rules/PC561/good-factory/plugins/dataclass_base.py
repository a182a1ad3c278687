"""The options field comes from a dataclass base: the __init__ takes (options, prefix='>')."""

from dataclasses import dataclass

from hostbase import Base


@dataclass
class _WithOptions(Base):
    options: dict


@dataclass
class Plugin(_WithOptions):
    prefix: str = ">"

    def process(self, items: list[str]) -> list[str]:
        return [self.prefix + item for item in items]
