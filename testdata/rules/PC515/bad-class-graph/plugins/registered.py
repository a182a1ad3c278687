"""A registering mixin whose metaclass derives from type only, beside the host's ABC base."""

from hostbase import Base


class _Registry(type):
    classes: list[type] = []


class _Registered(metaclass=_Registry):
    pass


class Plugin(_Registered, Base):  # expect: PC515
    def process(self, items: list[str]) -> list[str]:
        return list(items)
