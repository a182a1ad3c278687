"""An extension with optional helpers for newer Pythons."""

from __future__ import annotations

from mhost import ext

try:
    from . import overrides
except ImportError:
    overrides = None

try:
    from . import coroutines
except ImportError:
    coroutines = None


class Extension(ext.Extension):
    ext_name = "probe"

    def setup(self, registry: ext.Registry) -> None:
        registry.add("probe", Extension)
