"""Yields its class: the host gets a generator."""

from toolhost import Plugin


class Lazy(Plugin):
    pass


def plugin(version):  # expect: PC562
    yield Lazy
