"""check as a staticmethod, a classmethod and a lambda, each taking the host's check(text)."""

from toolhost import Plugin


class Static(Plugin):
    @staticmethod
    def check(text):
        return text.split()


class Classy(Plugin):
    @classmethod
    def check(cls, text):
        return [cls.__name__, text]


class Quick(Plugin):
    check = lambda self, text: text.split()  # noqa: E731


def plugin(version):
    return Static if version else (Classy if version is None else Quick)
