"""check() ends the process first thing: the return after sys.exit() never runs."""

import sys

from toolhost import Plugin


class Quits(Plugin):
    def check(self, text):
        sys.exit(3)  # expect: PC562
        return text.split()


def plugin(version):
    return Quits
