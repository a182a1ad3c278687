"""The entry function looks the class up in its registry by a string: getattr(_Registry,
"__checker") asks for "__checker" itself, but the class body stores it as _Registry__checker
(AttributeError on every call)."""

from toolhost import Plugin


class Loud(Plugin):
    pass


class _Registry:
    __checker = Loud


def plugin(version):
    return getattr(_Registry, "__checker")  # expect: PC562
