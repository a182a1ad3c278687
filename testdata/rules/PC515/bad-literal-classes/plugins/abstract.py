"""An instance made at import of a class abstract methods leave abstract: `abc.ABC`'s
subclass does not implement `helper`."""

import abc
from collections.abc import Mapping

from plugapi import Plugin


class _Base(abc.ABC):
    @abc.abstractmethod
    def helper(self) -> int: ...


class _Hooks(_Base):
    def render(self) -> str:
        return ""


_hooks = _Hooks()  # expect: PC515


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Ticker()
