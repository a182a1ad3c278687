"""The dataclass's __post_init__ passes the InitVar on to Base.__init__, which sets
self.options: process() reads it."""

import dataclasses

from hostbase import Base


@dataclasses.dataclass
class Plugin(Base):
    config: dataclasses.InitVar[dict]

    def __post_init__(self, config: dict) -> None:
        super().__init__(config)

    def process(self, items: list[str]) -> list[str]:
        return [i for i in items if i in self.options]
