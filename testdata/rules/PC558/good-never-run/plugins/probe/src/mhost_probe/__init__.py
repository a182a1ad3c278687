"""An extension whose Python 2 shims, typing helpers, tests and script never run in the host."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from mhost import ext

if sys.version_info < (3,):
    from . import legacy  # noqa: F401

if TYPE_CHECKING:
    from .typing_only import Params  # noqa: F401


class Extension(ext.Extension):
    ext_name = "probe"

    def setup(self, registry: ext.Registry) -> None:
        registry.add("probe", Extension)
