"""``kind = "exec"``: executables that answer JSON requests (``keys``: the contract keys;
``checks``: discovery and the checks, imported when a run has an exec contract)."""

from __future__ import annotations

from plugcheck.kinds import out_of_process as oop
from plugcheck.kinds.exec.keys import FIELDS
from plugcheck.passes import Kind
from plugcheck.rules import import_time

KIND = Kind(
    "exec",
    {**oop.FIELDS, **import_time.FIELDS, **FIELDS},
    description="Executables that answer JSON requests on stdin/stdout.",
    required=("methods",),
    kind_pass="plugcheck.kinds.exec.checks:PASS",
)
