"""A stand-in for the host's Linter, built as the host builds it (with a config path)."""

from reghost import Linter


def linter() -> Linter:
    return Linter("setup.cfg")
