"""An extension whose backend (and its remote client) is imported only by setup()."""

from __future__ import annotations

import sys

from mhost import ext

PY3 = sys.version_info[0] >= 3


class Extension(ext.Extension):
    ext_name = "remote"

    def get_default_config(self) -> str:
        return "[remote]\nenabled = true\n"

    def setup(self, registry: ext.Registry) -> None:
        if PY3:
            from .backend import RemoteBackend
        else:
            from .compat import RemoteBackend

        registry.add("backend", RemoteBackend)
