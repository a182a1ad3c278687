"""check is set on the class after it is made, and __abstractmethods__ is cleared with it (as
abc.update_abstractmethods would recompute it): the class is concrete by the time the host
builds it."""

from checkhost import Checker


class Words(Checker):
    pass


def _check(self, text):
    return text.split()


Words.check = _check
Words.__abstractmethods__ = frozenset()


def plugin(registry, options):
    return Words
