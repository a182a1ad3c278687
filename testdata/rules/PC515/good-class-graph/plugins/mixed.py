"""The more derived class first: a consistent MRO."""

import hostbase


class _Described(hostbase.Base):
    def describe(self) -> str:
        return "mixed"


class Plugin(_Described, hostbase.Base):
    def process(self, items: list[str]) -> list[str]:
        return list(items)
