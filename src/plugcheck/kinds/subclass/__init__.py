"""``kind = "subclass"``: the plugin's class must subclass a host base class (``keys``: the
``base`` key; ``checks``: the static check and the run pass, imported when a run has a subclass
contract, ``Kind.loads``)."""

from __future__ import annotations

from plugcheck.kinds.python import SHARED
from plugcheck.kinds.subclass.keys import FIELDS
from plugcheck.passes import Kind

KIND = Kind(
    "subclass",
    {**SHARED, **FIELDS},
    required=("base",),
    description="Classes that subclass the host's base class.",
    loads=("plugcheck.kinds.subclass.checks",),
)
