"""Contract kinds that are not a Python import: each package here holds one kind's checks.

Importing this package registers the built-in out-of-process kinds (exec, go-plugin, wasm,
c-shared, go-so) with the engine.
"""

from __future__ import annotations

from plugcheck.kinds.c_shared import checks as c_shared
from plugcheck.kinds.exec import checks as exec_
from plugcheck.kinds.go_plugin import checks as go_plugin
from plugcheck.kinds.go_so import checks as go_so
from plugcheck.kinds.wasm import checks as wasm

__all__ = ["c_shared", "exec_", "go_plugin", "go_so", "wasm"]
