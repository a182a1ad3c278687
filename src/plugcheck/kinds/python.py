"""What the Python kinds share: plugins are modules the host imports (factory, register, pluggy,
subclass), found by ``discovery`` and checked by the per-plugin rules in ``rules/`` and the run
passes (mypy, the harness). ``SHARED`` is the keys each of them owns; each kind has its own
package (``kinds/factory/``, ``kinds/register/``, ``kinds/pluggy/``, ``kinds/subclass/``) that
adds its own keys and checks to these.
"""

from __future__ import annotations

from plugcheck.config import PYTHON_FIELDS, Field
from plugcheck.rules import (
    dispatched,
    dynamic_rules,
    entry_points,
    host_names,
    import_names,
    import_time,
    log_output,
    optional_extras,
    pinning,
    plugin_classes,
    requirements_met,
    setup_spec,
    stand_in_values,
    whole_plugin,
)

SHARED: dict[str, Field] = {
    **PYTHON_FIELDS,
    **whole_plugin.FIELDS,
    **import_time.FIELDS,
    **log_output.FIELDS,
    **entry_points.FIELDS,
    **host_names.FIELDS,
    **import_names.FIELDS,
    **setup_spec.FIELDS,
    **plugin_classes.FIELDS,
    **pinning.FIELDS,
    **requirements_met.FIELDS,
    **optional_extras.FIELDS,
    **dynamic_rules.FIELDS,
    **stand_in_values.FIELDS,
    **dispatched.FIELDS,
}
"""Keys every Python kind owns: discovery, import-time work, host API, pinning, the harness."""
