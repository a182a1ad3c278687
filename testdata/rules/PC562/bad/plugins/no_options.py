"""A subclass whose constructor does not take the options the host passes."""

from toolhost import Plugin


class Quiet(Plugin):  # expect: PC562
    def __init__(self):
        pass


def plugin(version):
    return Quiet
