"""check() first stores a default for the option, then reads it."""

from linthost import Checker


class Words(Checker):
    def check(self, text):
        self.options["separator"] = self.options.get("separator", " ")
        return text.split(self.options["separator"])


def plugin(registry, options):
    return Words
