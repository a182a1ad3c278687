"""What a pass could not check is a finding, never a silent note (PC416, PC417)."""

from __future__ import annotations

from pathlib import Path

from plugcheck.model import Contract, Finding, Location, Phase, Plugin, Severity
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

PC418 = rule(
    "PC418",
    "stand-in-fails",
    Severity.ERROR,
    "A stand-in the contract names for the host's argument fails before any plugin code runs: "
    "the host's call is checked for no plugin of the contract (one finding for the contract, "
    "not one per plugin).",
    phase=Phase.DYNAMIC,
    fix="make the stand-in build the host's object with no arguments in the target "
    "environment, or name another (a function of your own that builds it as the host does)",
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


def no_entry_point(plugin: Plugin, contract: Contract, what: str) -> Finding:
    """PC416 for a module given by path that no installed entry point names, of a contract whose
    host loads the object an entry point names (``export = "entry-point"``, a subclass ``base``):
    which object that would be is unknown, so ``what`` the host does with it is not checked."""
    group = contract.entry_point_group or "entry-point"
    return PC416.at(
        plugin,
        Location(plugin.module_path, 1) if plugin.module_path else plugin.claim,
        f"{what} could not be checked: {contract.name}'s host loads the object a {group} entry "
        f"point names, and no installed entry point names an object of {plugin.module}, so "
        "which object it would load is not known",
        fix=f"install the plugin's project (pip install -e .) so its {group} entry point names "
        "the object, then check it again (or check the installed plugin)",
    )


def stand_in_fails(
    contract: Contract, plugins: list[str], reason: str, key: str = "stand-ins"
) -> Finding:
    """PC418: the contract's stand-in (``key``: ``stand-ins``, or ``instantiate-with`` for the
    arguments of the class a setup function returns) failed with no plugin frame, for every
    plugin in ``plugins``: one finding at that key, naming the plugins not judged."""
    what = {
        "instantiate-with": "the class each one's function returned was instantiated for "
        "none of its plugins",
        "plugin-classes": "the plugin classes were instantiated for none of its plugins",
        "hook-stand-in": "the hooks taking that argument were called for none of its plugins",
    }.get(key, "the host's call was made for none of its plugins")
    key = "instantiate-with" if key == "instantiate-with" else "stand-ins"
    location = Location(contract.source, _line_of(contract.source, contract.name, key))
    shown = ", ".join(plugins[:5]) + (f" and {len(plugins) - 5} more" if len(plugins) > 5 else "")
    return Finding(
        code=PC418.code,
        severity=PC418.severity,
        message=f"a stand-in of the contract's {key} failed before any plugin code ran ({reason}): "
        f"{what} ({shown}); their other checks ran",
        location=location,
        plugin=f"contract {contract.name}",
        contract=contract.name,
        fix=PC418.fix,
    )


def _line_of(source: Path, contract: str, key: str) -> int:
    """The first line of ``source`` that sets ``key`` below the contract's own table (a file may
    hold several contracts); 1 when none does or it is unreadable."""
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    header = f"[tool.plugcheck.contracts.{contract}"
    start = next((n for n, t in enumerate(lines) if t.startswith((header + "]", header + "."))), 0)
    return next(
        (n for n, t in enumerate(lines[start:], start + 1) if t.lstrip().startswith(f"{key} ")),
        1,
    )
