"""check() reads an option the host never passes from the copy Checker.__init__ keeps:
every check(text) raises KeyError: 'separator'."""

from linthost import Checker


class Words(Checker):
    def check(self, text):
        return text.split(self.options["separator"])  # expect: PC564


def plugin(registry, options):
    return Words
