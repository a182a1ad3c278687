"""Written for a host whose options had a width: the generator fails only when iterated."""

from chost import Checker


class Widths(Checker):
    name = "widths"

    def check(self, text):
        for line in text.splitlines():
            if len(line) > self.options.width:  # expect: PC537
                yield "too wide"
