"""Its metaclass derives from type only, but the host's Base is an ABC: a metaclass conflict."""

from hostbase import Base


class Meta(type):
    pass


class Plugin(Base, metaclass=Meta):  # expect: PC515
    def process(self, items: list[str]) -> list[str]:
        return list(items)
