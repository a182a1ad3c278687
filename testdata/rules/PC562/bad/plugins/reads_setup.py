"""The entry function raises on every call: it reads the metadata of a distribution the
target environment does not have (PackageNotFoundError)."""

import importlib.metadata

from toolhost import Plugin


class Loud(Plugin):
    pass


def plugin(version):
    Loud.extras = importlib.metadata.version("toolhost-loud-extras")  # expect: PC562
    return Loud
