"""An extension whose backend (and its remote client) is imported only by setup()."""

from __future__ import annotations

from mhost import ext


class Extension(ext.Extension):
    ext_name = "remote"

    def get_default_config(self) -> str:
        return "[remote]\nenabled = true\n"

    def setup(self, registry: ext.Registry) -> None:
        from .backend import RemoteBackend

        registry.add("backend", RemoteBackend)
