"""Only one helper adds a slot; the other declares none."""

from hostbase import Base


class _Counted:
    __slots__ = ("count",)


class _Timed:
    __slots__ = ()


class _Stats(_Counted, _Timed):
    __slots__ = ("__weakref__",)


class Plugin(Base):
    def process(self, items: list[str]) -> list[str]:
        return list(items)
