"""Names itself with a number, not the str the host reads."""

from chost import Checker


class Numbered(Checker):  # expect: PC537
    name = len("numbered")
