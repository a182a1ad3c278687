"""Two helper classes that each add a slot: their instances cannot share one layout."""

from hostbase import Base


class _Counted:
    __slots__ = ("count",)


class _Timed:
    __slots__ = ("seconds",)


class _Stats(_Counted, _Timed):  # expect: PC515
    __slots__ = ()


class Plugin(Base):
    def process(self, items: list[str]) -> list[str]:
        return list(items)
