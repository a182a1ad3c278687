"""A dataclass whose extra field has a default: the host builds it with the options alone."""

from dataclasses import dataclass

from toolhost import Plugin


@dataclass(frozen=True)
class Limited(Plugin):
    options: object
    limit: int = 10


def plugin(version):
    return Limited
