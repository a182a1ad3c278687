"""An instance made at import of a class made with `metaclass=ABCMeta` that keeps an abstract
property, reached through a method call on it."""

from abc import ABCMeta, abstractmethod
from collections.abc import Mapping

from plugapi import Plugin


class _Named(metaclass=ABCMeta):
    @property
    @abstractmethod
    def name(self) -> str: ...

    def label(self) -> str:
        return "label"


LABEL = _Named().label()  # expect: PC515


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Ticker()
