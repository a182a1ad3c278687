"""A plugin whose Python 2 shims, typing helpers and script are imported only where they run."""

import sys
from typing import TYPE_CHECKING

from plugapi import Plugin

if sys.version_info < (3,):
    from . import legacy  # noqa: F401
else:
    from . import modern  # noqa: F401

if TYPE_CHECKING:
    from .typing_only import Shape  # noqa: F401

if sys.version_info < (3, 8):

    def load_old() -> None:
        from . import old_loader  # noqa: F401


class Quiet:
    def run(self) -> str:
        return "quiet"


def new() -> Plugin:
    return Quiet()


if __name__ == "__main__":
    from . import cli  # noqa: F401

__all__ = ["new"]
