"""A number where the host reads a str, twice."""

from lint_host import Checker


class Numbered(Checker):  # expect: PC576
    name = 7
    version = 2

    def check(self, text):
        return []
