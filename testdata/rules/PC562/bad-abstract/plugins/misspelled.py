"""Implements checks(), not check(): the class stays abstract."""

from checkhost import Checker


class Words(Checker):  # expect: PC562
    def checks(self, text):
        return text.split()


def plugin(registry, options):
    return Words
