"""The generator reads only the options the host has."""

from chost import Checker


class Widths(Checker):
    name = "widths"

    def check(self, text):
        for line in text.splitlines():
            if len(line) > self.options.max_line:
                yield "too long"
