"""Its constructor reads an option the host does not have."""

from toolhost import Plugin


class Verbose(Plugin):
    def __init__(self, options):
        super().__init__(options)
        self.level = options.verbosity  # expect: PC532


def plugin(version):
    return Verbose
