"""Names itself from a setting that is empty: the host refuses the empty name it reads."""

from chost import Checker

LABEL = ""


class Anonymous(Checker):  # expect: PC537
    name = LABEL

    def check(self, text):
        return []
