"""The dialect the extension registers; it picks its compiler the same way."""

from __future__ import annotations

from .version import HOST_4


class CrateDialect:
    name = "crate"

    def compiler(self) -> object:
        if HOST_4:
            from .compat.core4 import CrateCompiler
        else:
            from .compat.core3 import CrateCompiler
        return CrateCompiler()
