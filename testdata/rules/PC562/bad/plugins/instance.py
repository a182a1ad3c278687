"""Builds the plugin itself where the host wants the class."""

from toolhost import Options, Plugin


class Loud(Plugin):
    pass


def plugin(version):  # expect: PC562
    if version.startswith("0."):
        return None
    return Loud(Options())
