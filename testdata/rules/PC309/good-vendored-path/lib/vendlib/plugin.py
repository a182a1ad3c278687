import tinylib

from . import helpers


def plugin(version: str) -> object:
    return (tinylib.VALUE, helpers.VALUE, version)
