"""``kind = "factory"``: plugins are modules that export what the contract lists (a factory,
classes, functions), which the host imports and drives through the contract's ``lifecycle``.

The kind owns no key of its own: ``exports`` and ``lifecycle`` are keys every Python kind may set
(a pluggy or subclass contract can list exports and drive a lifecycle too), so they are parsed by
``config`` and their checks are the rules every Python kind shares, in ``rules/``: the factory and
its product (``rules/factory*.py``, ``rules/reached.py``), the signatures mypy checks
(``rules/signatures/``), the setup functions (``rules/setup_spec.py``, ``rules/setup_function.py``,
which ``rules/host_names.py`` reads, so they cannot sit above it here). Plugins are found by
``discovery`` and loaded by the harness's ``factory`` step like every Python plugin. Moving any
of them here would make ``rules/`` point up into ``kinds/`` or leave the other Python kinds
without checks they rely on.
"""

from __future__ import annotations

from plugcheck.kinds.python import SHARED
from plugcheck.passes import Kind

KIND = Kind(
    "factory",
    SHARED,
    description="Modules that export what the contract lists (a factory, classes, functions).",
)
