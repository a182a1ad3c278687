"""check() returns text.split, the method, not its result: the host iterates a method."""

from toolhost import Plugin


class Words(Plugin):
    def check(self, text):  # expect: PC562
        return text.split


def plugin(version):
    return Words
