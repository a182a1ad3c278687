"""``kind = "go-so"``: Go ``-buildmode=plugin`` files (its keys are in ``c_shared.keys``;
``checks``: discovery and the checks, imported when a run has a go-so contract)."""

from __future__ import annotations

from plugcheck.kinds.c_shared.keys import GO_FIELDS
from plugcheck.passes import Kind

KIND = Kind(
    "go-so",
    GO_FIELDS,
    required=("host-binary",),
    description="Go -buildmode=plugin files opened by the host's Go binary.",
    kind_pass="plugcheck.kinds.go_so.checks:PASS",
)
