"""Its own __init__ takes the options, but passes the host's Plugin.__init__ none of them."""

from toolhost import Plugin


class Quiet(Plugin):
    def __init__(self, options):
        super().__init__()  # expect: PC562


def plugin(version):
    return Quiet
