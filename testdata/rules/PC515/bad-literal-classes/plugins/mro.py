"""Bases listed in an order no MRO satisfies."""

from collections.abc import Mapping

from plugapi import Plugin


class Base:
    pass


class Child(Base):
    pass


class Mixed(Base, Child):  # expect: PC515
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
