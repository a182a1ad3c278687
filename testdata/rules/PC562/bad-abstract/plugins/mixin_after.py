"""The mixin's check() comes after the host's abstract one in the method resolution order."""

import checkhost


class _Splitting:
    def check(self, text):
        return text.split()


class Words(checkhost.Checker, _Splitting):  # expect: PC562
    pass


def plugin(registry, options):
    return Words
