"""Python 2 imports behind module constants that the target (Python 3) decides."""

from __future__ import annotations

import platform as _platform
import sys as _sys
from collections.abc import Mapping
from sys import version_info

from plugapi import Plugin

PY2 = _sys.version_info[0] < 3
PY3 = not PY2
OLD = version_info < (3, 0) or PY2
WINDOWS = _platform.system() == "Windows"

if PY2:
    from StringIO import StringIO  # noqa: F401
else:
    from io import StringIO  # noqa: F401

if not PY3:
    import cPickle  # noqa: F401

if OLD or WINDOWS:
    import ticker_legacy  # noqa: F401


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
