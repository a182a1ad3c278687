"""Every field but the options has a default, or stays out of __init__."""

from dataclasses import dataclass, field
from typing import ClassVar

from hostbase import Base


@dataclass
class Plugin(Base):
    options: dict
    prefix: str = ">"
    seen: list[str] = field(default_factory=list)
    count: int = field(init=False, default=0)
    LIMIT: ClassVar[int] = 10

    def process(self, items: list[str]) -> list[str]:
        return [self.prefix + item for item in items]
