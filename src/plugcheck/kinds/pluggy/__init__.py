"""``kind = "pluggy"``: plugins are pluggy hook implementations, checked against the host's
hookspecs (``keys``: the ``pluggy`` key; ``contract``: what it names; ``checks``: the static
rules; ``calls``: how the host calls its hooks; ``dynamic``: each plugin registered in a real
``PluginManager``). Only the keys load with the kind: its checks are imported when a run has a
pluggy contract (``Kind.loads``)."""

from __future__ import annotations

from plugcheck.kinds.pluggy.keys import FIELDS
from plugcheck.kinds.python import SHARED
from plugcheck.passes import Kind

KIND = Kind(
    "pluggy",
    {**SHARED, **FIELDS},
    required=("pluggy",),
    description="pluggy plugins: hook implementations checked against the host's hookspecs.",
    loads=(
        "plugcheck.kinds.pluggy.always_raises",
        "plugcheck.kinds.pluggy.call_reads",
        "plugcheck.kinds.pluggy.calls",
        "plugcheck.kinds.pluggy.checks",
        "plugcheck.kinds.pluggy.conditional",
        "plugcheck.kinds.pluggy.dynamic",
        "plugcheck.kinds.pluggy.empty_result",
        "plugcheck.kinds.pluggy.entry_points",
        "plugcheck.kinds.pluggy.marker_options",
        "plugcheck.kinds.pluggy.namespace_impls",
        "plugcheck.kinds.pluggy.outcomes",
        "plugcheck.kinds.pluggy.skipped",
        "plugcheck.kinds.pluggy.unmarked",
    ),
)
