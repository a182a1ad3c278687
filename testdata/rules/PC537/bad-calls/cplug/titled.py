"""summary() reads a title only a subclass of another host has."""

from chost import Checker


class Titled(Checker):
    name = "titled"

    def summary(self):
        return self.title  # expect: PC537
