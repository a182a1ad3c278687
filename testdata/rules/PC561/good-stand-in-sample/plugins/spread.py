"""Passes the options on as keywords: whether Base.__init__ takes them depends on the user's
options, which the contract gives only a sample of."""

from hostbase import Base


class Plugin(Base):
    def __init__(self, options):
        super().__init__(**options)

    def process(self, items: list[str]) -> list[str]:
        return list(items)
