"""check() reads an option the host's Options do not have."""

from toolhost import Plugin


class Verbose(Plugin):
    def check(self, text):
        return text.split(self.options.separator)  # expect: PC532


def plugin(version):
    return Verbose
