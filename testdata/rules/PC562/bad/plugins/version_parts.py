"""The entry function raises on every call: the host passes its version as a str (the
contract's stand-in), which has no attribute `major` (AttributeError)."""

from toolhost import Plugin


class Loud(Plugin):
    pass


def plugin(version):
    return Loud if version.major >= 1 else Plugin  # expect: PC562
