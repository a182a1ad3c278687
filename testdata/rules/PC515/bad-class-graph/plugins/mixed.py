"""The mixin already derives from the host's base, which is listed first."""

import hostbase


class _Described(hostbase.Base):
    def describe(self) -> str:
        return "mixed"


class Plugin(hostbase.Base, _Described):  # expect: PC515
    def process(self, items: list[str]) -> list[str]:
        return list(items)
