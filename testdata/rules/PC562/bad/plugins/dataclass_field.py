"""A dataclass whose limit field the host never passes: the __init__ it makes requires it."""

from dataclasses import dataclass

from toolhost import Plugin


@dataclass
class Limited(Plugin):  # expect: PC562
    options: object
    limit: int


def plugin(version):
    return Limited
