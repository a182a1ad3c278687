"""The Python kinds: plugins are modules the host imports (factory, register, pluggy, subclass).

Their plugins are found by ``discovery`` and checked by the per-plugin rules in ``rules/`` and the
run passes (mypy, the harness), which every Python kind shares. ``factory`` and ``register`` are
declared here: they own only the shared keys. ``pluggy`` and ``subclass`` have their own keys and
checks, in ``kinds/pluggy/`` and ``kinds/subclass/``.
"""

from __future__ import annotations

from plugcheck.config import PYTHON_FIELDS, Field
from plugcheck.passes import Kind
from plugcheck.rules import (
    dynamic_rules,
    host_names,
    import_time,
    pinning,
    plugin_classes,
    setup_spec,
    whole_plugin,
)

SHARED: dict[str, Field] = {
    **PYTHON_FIELDS,
    **whole_plugin.FIELDS,
    **import_time.FIELDS,
    **host_names.FIELDS,
    **setup_spec.FIELDS,
    **plugin_classes.FIELDS,
    **pinning.FIELDS,
    **dynamic_rules.FIELDS,
}
"""Keys every Python kind owns: discovery, import-time work, host API, pinning, the harness."""

FACTORY = Kind(
    "factory",
    SHARED,
    description="Modules that export what the contract lists (a factory, classes, functions).",
)
REGISTER = Kind(
    "register",
    SHARED,
    description="Modules whose register hook the host calls with its registry.",
)
