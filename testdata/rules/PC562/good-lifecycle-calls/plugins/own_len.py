"""process() returns what the module's own len() makes (a list), or a string: both iterate."""

from hostbase import Base


def len(items):  # noqa: A001
    return [str(n) for n in range(items.count("a"))]


class Plugin(Base):
    def process(self, items: list[str]):
        if not items:
            return "empty"
        return len(items)
