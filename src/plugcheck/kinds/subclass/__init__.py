"""``kind = "subclass"``: the plugin's class must subclass a host base class (``checks``)."""

from __future__ import annotations

from plugcheck.kinds.python import SHARED
from plugcheck.kinds.subclass import checks as checks
from plugcheck.passes import Kind

KIND = Kind(
    "subclass",
    {**SHARED, **checks.FIELDS},
    required=("base",),
    description="Classes that subclass the host's base class.",
)
