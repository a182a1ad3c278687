"""Clears __abstractmethods__ of a class of its own, not of the class plugin() returns: Words
stays abstract."""

from checkhost import Checker


class Words(Checker):  # expect: PC562
    def checks(self, text):
        return text.split()


class _Spare(Checker):
    pass


_Spare.__abstractmethods__ = frozenset()


def plugin(registry, options):
    return Words
