"""What a pass could not check is a finding, never a silent note (PC416, PC417)."""

from __future__ import annotations

from plugcheck.model import Finding, Location, Phase, Plugin, Severity
from plugcheck.rules.base import rule

PC416 = rule(
    "PC416",
    "plugin-not-checked",
    Severity.ERROR,
    "A pass could not check the plugin (pluggy registration, setup function, subclass check): "
    "its worker could not load the plugin or ended before answering.",
    phase=Phase.DYNAMIC,
    fix="make the plugin importable in the target environment (install its requirements); "
    "the harness's PC401 shows why the import fails",
)
PC417 = rule(
    "PC417",
    "step-not-checked",
    Severity.ERROR,
    "A harness step the contract asks for could not run for the plugin (the contract's "
    "registry cannot be built), so what it would verify is unknown.",
    phase=Phase.DYNAMIC,
    fix="make the contract's lifecycle.registry class buildable with no arguments in the "
    "target environment",
)

_CHECKS = {
    "pluggy": "registration in a pluggy PluginManager with the host's hookspecs",
    "subclass": "the host's issubclass() check",
    "setup": "the host's setup() call",
    "classes": "building the plugin classes the host instantiates",
}


def not_checked(plugin: Plugin, mode: str, reason: str, *, worker_failed: bool) -> Finding:
    """PC416 for ``plugin``: the ``mode`` worker did not judge it, because of ``reason``."""
    check = _CHECKS.get(mode, mode)
    fix = (
        "run plugcheck again; if the worker keeps failing, report it as a plugcheck bug with "
        "this message"
        if worker_failed
        else None
    )
    location = Location(plugin.module_path, 1) if plugin.module_path else plugin.claim
    return PC416.at(plugin, location, f"{check} could not be checked: {reason}", fix=fix)
