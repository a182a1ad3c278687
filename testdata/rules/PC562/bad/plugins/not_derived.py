"""Returns a class of its own that does not derive from toolhost.Plugin."""


class Standalone:
    def __init__(self, options):
        self.options = options


def plugin(version):  # expect: PC562
    return Standalone
