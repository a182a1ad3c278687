"""super().__init__ gets what Base.__init__ takes, by keyword, after a conditional that does not
leave __init__ early."""

from collections.abc import Mapping

from hostbase import Base


class Plugin(Base):
    def __init__(self, options: Mapping[str, str]) -> None:
        if not options:
            options = {"level": "0"}
        super().__init__(options=options)

    def process(self, items: list[str]) -> list[str]:
        return list(items)
