"""The Python kinds: plugins are modules the host imports (factory, register, pluggy, subclass).

Their plugins are found by ``discovery`` and checked by the per-plugin rules and the run passes
(mypy, the harness); a kind here only declares the keys its contracts may set.
"""

from __future__ import annotations

from plugcheck.config import PYTHON_FIELDS, Field
from plugcheck.passes import Kind
from plugcheck.rules import (
    dynamic_rules,
    general,
    host_names,
    import_time,
    pinning,
    pluggy_contract,
    plugin_classes,
    setup_spec,
    subclass,
)

_SHARED: dict[str, Field] = {
    **PYTHON_FIELDS,
    **general.FIELDS,
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
    _SHARED,
    description="Modules that export what the contract lists (a factory, classes, functions).",
)
REGISTER = Kind(
    "register",
    _SHARED,
    description="Modules whose register hook the host calls with its registry.",
)
PLUGGY = Kind(
    "pluggy",
    {**_SHARED, **pluggy_contract.FIELDS},
    required=("pluggy",),
    description="pluggy plugins: hook implementations checked against the host's hookspecs.",
)
SUBCLASS = Kind(
    "subclass",
    {**_SHARED, **subclass.FIELDS},
    required=("base",),
    description="Classes that subclass the host's base class.",
)
