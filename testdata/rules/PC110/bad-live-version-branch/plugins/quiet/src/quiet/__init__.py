"""A plugin whose import-time work runs on the target's Python."""

import sys

from plugapi import Plugin

if sys.version_info < (3, 10):
    pass
else:
    print("quiet: a new Python")  # expect: PC110

if sys.version_info >= (3, 8):
    print("quiet: Python 3.8 or newer")  # expect: PC110


class Quiet:
    def run(self) -> str:
        return "quiet"


def new() -> Plugin:
    return Quiet()


__all__ = ["new"]
