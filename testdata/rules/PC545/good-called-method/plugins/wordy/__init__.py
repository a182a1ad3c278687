"""Every process() call reads the word list the package ships."""

import importlib.resources

from hostbase import Base


class Plugin(Base):
    def process(self, items: list[str]) -> list[str]:
        stop = (importlib.resources.files(__name__) / "stop.txt").read_text().split()
        return [item for item in items if item not in stop]
