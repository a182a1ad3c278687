"""check is a lambda that takes only the instance: the host's check(text) passes one more."""

from toolhost import Plugin


class Quick(Plugin):  # expect: PC562
    check = lambda self: []  # noqa: E731


def plugin(version):
    return Quick
