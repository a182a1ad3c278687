"""Returns a subclass of the host's Plugin that takes the options it is built with."""

from toolhost import Plugin


class Strict(Plugin):
    def __init__(self, options):
        super().__init__(options)
        self.enabled = options.strict


def plugin(version):
    return Strict
