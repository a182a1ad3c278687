"""``kind = "go-plugin"``: HashiCorp go-plugin executables (``settings``: the contract keys;
``checks``: discovery and the checks, imported when a run has a go-plugin contract)."""

from __future__ import annotations

from plugcheck.kinds import out_of_process as oop
from plugcheck.kinds.go_plugin.settings import FIELDS
from plugcheck.passes import Kind

KIND = Kind(
    "go-plugin",
    {**oop.FIELDS, **FIELDS},
    description="HashiCorp go-plugin processes: handshake, then gRPC or net/rpc.",
    required=("magic-cookie", "protocol-versions"),
    kind_pass="plugcheck.kinds.go_plugin.checks:PASS",
)
