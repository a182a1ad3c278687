"""A plugin whose import-time work is only for Pythons older than the target."""

import sys

from plugapi import Plugin

if sys.version_info < (3, 10):
    print("quiet: old Python, no zoneinfo")

try:
    import zoneinfo  # noqa: F401
except ImportError:
    if sys.version_info[:2] < (3, 9):
        print("quiet: install backports.zoneinfo")

try:  # every name is there: the handler never runs
    from plugapi import Plugin as _Plugin  # noqa: F401
    from json import JSONDecoder  # noqa: F401
except ImportError:
    print("quiet: needs json and plugapi's Plugin")
    sys.exit(1)

if sys.version_info >= (3, 11):
    pass
elif sys.version_info >= (3, 9):
    print("quiet: Python 3.9 or 3.10")


class Quiet:
    def run(self) -> str:
        return "quiet"


def new() -> Plugin:
    return Quiet()


__all__ = ["new"]
