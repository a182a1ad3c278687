"""``kind = "pluggy"``: plugins are pluggy hook implementations, checked against the host's
hookspecs (``contract``: the ``pluggy`` key; ``checks``: the static rules; ``calls``: how the
host calls its hooks; ``dynamic``: each plugin registered in a real ``PluginManager``)."""

from __future__ import annotations

from plugcheck.kinds.pluggy import always_raises as always_raises
from plugcheck.kinds.pluggy import call_reads as call_reads
from plugcheck.kinds.pluggy import calls as calls
from plugcheck.kinds.pluggy import checks as checks
from plugcheck.kinds.pluggy import conditional as conditional
from plugcheck.kinds.pluggy import contract as contract
from plugcheck.kinds.pluggy import dynamic as dynamic
from plugcheck.kinds.pluggy import empty_result as empty_result
from plugcheck.kinds.pluggy import entry_points as entry_points
from plugcheck.kinds.pluggy import namespace_impls as namespace_impls
from plugcheck.kinds.pluggy import outcomes as outcomes
from plugcheck.kinds.pluggy import unmarked as unmarked
from plugcheck.kinds.python import SHARED
from plugcheck.passes import Kind

KIND = Kind(
    "pluggy",
    {**SHARED, **contract.FIELDS},
    required=("pluggy",),
    description="pluggy plugins: hook implementations checked against the host's hookspecs.",
)
