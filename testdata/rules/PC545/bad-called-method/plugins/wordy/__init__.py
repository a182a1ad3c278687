"""Builds fine; every process() call reads a word list the package does not ship."""

import importlib.resources

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str]) -> list[str]:
        stop = (importlib.resources.files(__name__) / "stop.txt").read_text().split()  # expect: PC545
        return [item for item in items if item not in stop]
