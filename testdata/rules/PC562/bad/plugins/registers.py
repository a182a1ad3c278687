"""Registers its class somewhere and returns nothing."""

from toolhost import Plugin

REGISTERED = []


class Quiet(Plugin):
    pass


def plugin(version):  # expect: PC562
    REGISTERED.append(Quiet)
