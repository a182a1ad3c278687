"""Returns a class that does not derive from the host's Plugin."""


class Lone:
    def __init__(self, options):
        self.options = options


def plugin(version):  # expect: PC532
    return Lone
