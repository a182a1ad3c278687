"""Rebinds the options before passing them on: what **options holds is no longer the host's."""

from hostbase import Base


class Plugin(Base):
    def __init__(self, options):
        options = {"level": options.get("level", "0")}
        super().__init__(**options)

    def process(self, items: list[str]) -> list[str]:
        return list(items)
