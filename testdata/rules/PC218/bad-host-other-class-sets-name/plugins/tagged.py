"""The dataclass writes __init__(self, config) from the InitVar field and never calls
Base.__init__, the only code that sets self.options on a plugin's object (the host's
Registry.__init__ sets its own self.options): process() raises AttributeError."""

import dataclasses

from hostbase import Base


@dataclasses.dataclass
class Plugin(Base):
    config: dataclasses.InitVar[dict]

    def process(self, items: list[str]) -> list[str]:
        return [i for i in items if i in self.options]  # expect: PC218
