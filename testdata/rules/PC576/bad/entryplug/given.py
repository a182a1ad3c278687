"""plugin() gives the host a class that keeps the base's empty name."""

from lint_host import Checker


class Given(Checker):  # expect: PC576
    def check(self, text):
        return []


def plugin():
    return Given
