"""An extension whose statement compiler depends on the installed host's version."""

from __future__ import annotations

from mhost import ext

from .version import HOST_4

if HOST_4:
    from .compat.core4 import CrateCompiler
else:
    from .compat.core3 import CrateCompiler


class Extension(ext.Extension):
    ext_name = "crate"

    def setup(self, registry: ext.Registry) -> None:
        from .dialect import CrateDialect

        registry.add("dialect", CrateDialect)
        registry.add("compiler", CrateCompiler)
