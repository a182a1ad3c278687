"""The mixin's check() comes first: the class is concrete."""

import checkhost


class _Splitting:
    def check(self, text):
        return text.split()


class Words(_Splitting, checkhost.Checker):
    pass


def plugin(registry, options):
    return Words
