"""The dataclass's options field is set by the __init__ it writes."""

import dataclasses

from hostbase import Base


@dataclasses.dataclass
class Plugin(Base):
    options: dict

    def process(self, items: list[str]) -> list[str]:
        return [i for i in items if i in self.options]
