"""Names nothing: it keeps the base's empty name, and has no version at all."""

from lint_host import Checker


class Anonymous(Checker):  # expect: PC576
    def check(self, text):
        return []
