"""``kind = "c-shared"``: C shared libraries (``keys``: the contract keys, shared with
``go-so``; ``checks``: discovery and the checks, imported when a run has a c-shared contract)."""

from __future__ import annotations

from plugcheck.kinds.c_shared.keys import FIELDS
from plugcheck.passes import Kind

KIND = Kind(
    "c-shared",
    FIELDS,
    required=("header",),
    description="C shared libraries loaded with ctypes against an interface header.",
    kind_pass="plugcheck.kinds.c_shared.checks:PASS",
)
