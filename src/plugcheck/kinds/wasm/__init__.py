"""``kind = "wasm"``: WebAssembly modules (``keys``: the contract keys; ``checks``: discovery
and the checks, imported when a run has a wasm contract)."""

from __future__ import annotations

from plugcheck.kinds import out_of_process as oop
from plugcheck.kinds.wasm.keys import FIELDS
from plugcheck.passes import Kind

KIND = Kind(
    "wasm",
    {**oop.FIELDS, **FIELDS},
    description="WebAssembly modules run with wasmtime against the host's imports and exports.",
    required=(("wasm-exports", "smoke"),),  # what to check: the exports, or calls of them
    kind_pass="plugcheck.kinds.wasm.checks:PASS",
)
