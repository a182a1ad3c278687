"""check() is a staticmethod that still names self: the host's check(text) binds text to self
and leaves text missing."""

from toolhost import Plugin


class Strict(Plugin):  # expect: PC562
    @staticmethod
    def check(self, text):
        return text.split()


def plugin(version):
    return Strict
