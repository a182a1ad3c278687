"""The class decorator builds the class: Plugin is an instance afterwards, not the class."""

from hostbase import Base


def built(cls):
    return cls({"level": "0"})


@built  # expect: PC210
class Plugin(Base):
    def process(self, items: list[str]) -> list[str]:
        return list(items)
