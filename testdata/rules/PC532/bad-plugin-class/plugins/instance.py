"""Returns an instance where the host expects the class."""

from toolhost import Options, Plugin


def plugin(version):  # expect: PC532
    return Plugin(Options())
