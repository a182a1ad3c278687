"""Returns its generic plugin class subscripted: a typing alias, which issubclass refuses."""

from typing import Generic, TypeVar

from toolhost import Plugin

T = TypeVar("T")


class Typed(Plugin, Generic[T]):
    pass


def plugin(version):  # expect: PC562
    return Typed[int]
