"""Chooses the class by version; every path returns a class (or one the host checks)."""

from toolhost import Plugin


class Old(Plugin):
    pass


class New(Plugin):
    pass


def _pick(version):
    return New


def plugin(version):
    if version.startswith("0."):
        return Old
    return _pick(version)
