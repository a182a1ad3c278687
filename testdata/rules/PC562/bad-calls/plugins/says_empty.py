"""check() answers whether the text is empty: the host iterates a bool."""

from toolhost import Plugin


class Empty(Plugin):
    def check(self, text):  # expect: PC562
        return not text


def plugin(version):
    return Empty
