"""check() reads an option the host may not pass with a default, and one it passes."""

from linthost import Checker


class Words(Checker):
    def check(self, text):
        level = int(self.options["level"])
        return text.split(self.options.get("separator", " "))[:level]


def plugin(registry, options):
    return Words
