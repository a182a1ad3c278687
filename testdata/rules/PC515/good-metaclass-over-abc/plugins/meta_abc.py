"""Its metaclass derives from abc.ABCMeta, the metaclass of the host's Base: no conflict."""

import abc

from hostbase import Base


class Meta(abc.ABCMeta):
    pass


class Plugin(Base, metaclass=Meta):
    def process(self, items: list[str]) -> list[str]:
        return list(items)
