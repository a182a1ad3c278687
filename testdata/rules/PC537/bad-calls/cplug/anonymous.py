"""Never names itself: it inherits the base's empty name, which the host refuses."""

from chost import Checker


class Anonymous(Checker):  # expect: PC537
    def check(self, text):
        return []
