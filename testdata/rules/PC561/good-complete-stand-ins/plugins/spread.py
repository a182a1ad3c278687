"""Passes the options on as keywords: Base.__init__(level="1") binds."""

from hostbase import Base


class Plugin(Base):
    def __init__(self, options):
        super().__init__(**options)

    def process(self, items: list[str]) -> list[str]:
        return list(items)
