"""Its own __init__ adds the option before check() reads it."""

from linthost import Checker


class Words(Checker):
    def __init__(self, options):
        super().__init__({**options, "separator": " "})

    def check(self, text):
        return text.split(self.options["separator"])


def plugin(registry, options):
    return Words
