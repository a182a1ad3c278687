"""Two bases with unrelated metaclasses."""

from collections.abc import Mapping

from plugapi import Plugin


class Meta(type):
    pass


class Other(type):
    pass


class A(metaclass=Meta):
    pass


class B(metaclass=Other):
    pass


class Both(A, B):  # expect: PC515
    pass


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Ticker()
