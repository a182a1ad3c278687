"""Passes the options on as keywords: Base.__init__(level="1") raises TypeError (Base.__init__()
got an unexpected keyword argument 'level')."""

from hostbase import Base


class Plugin(Base):  # expect: PC561
    def __init__(self, options):
        super().__init__(**options)

    def process(self, items: list[str]) -> list[str]:
        return list(items)
