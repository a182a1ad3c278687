"""``kind = "register"``: plugins are modules whose register hook the host calls with its
registry (``lifecycle.register`` names the hook export, ``lifecycle.registry`` its argument).

The kind owns no key of its own: ``lifecycle.register`` and ``lifecycle.registry`` are lifecycle
keys, which every Python kind may set, so ``config`` parses them with the rest of the lifecycle.
Its checks are those every Python kind shares, in ``rules/``: the hook's signature
(``rules/signatures/``), the harness's ``register`` step and what it observes
(``rules/dynamic.py``, ``rules/dynamic_findings.py``), run by the harness pass like every Python
plugin's other steps. Moving them here would make ``rules/`` point up into ``kinds/`` or leave the
other Python kinds without the checks of a register hook they declare.
"""

from __future__ import annotations

from plugcheck.kinds.python import SHARED
from plugcheck.passes import Kind

KIND = Kind(
    "register",
    SHARED,
    description="Modules whose register hook the host calls with its registry.",
)
