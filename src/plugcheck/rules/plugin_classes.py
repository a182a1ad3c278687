"""Hosts that build the plugin classes a module defines (``plugin-classes``, PC537/PC538).

beets imports ``beetsplug.<name>`` and instantiates the last ``BeetsPlugin`` subclass defined in
it (older hosts of this shape: every one); the module names no export the contract could list.
The worker finds the classes the way the host does, in the target interpreter, and builds them.
"""

from __future__ import annotations

from typing import Any

from plugcheck import config as _config
from plugcheck._ecosystem_worker.protocol import ClassesRequest
from plugcheck.model import Contract, Finding, Phase, Severity, TypeRef, shown_stand_in
from plugcheck.passes import RunInput, RunPass, register_pass
from plugcheck.rules._ecosystem import at_exit, rejected
from plugcheck.rules.base import explainers, rule
from plugcheck.rules.host_names import PC530

PC537 = rule(
    "PC537",
    "plugin-class-fails",
    Severity.ERROR,
    "Instantiating a plugin class the module defines, as the host does (`plugin-classes`), fails.",
    phase=Phase.DYNAMIC,
    explained_by=(PC530.code,),  # a name the installed host lacks, at the same place
)
PC538 = rule(
    "PC538",
    "no-plugin-class",
    Severity.ERROR,
    "The module defines no concrete subclass of the host's plugin base (`plugin-classes`): the "
    "host finds nothing to load in it.",
    phase=Phase.DYNAMIC,
    explained_by=(PC530.code,),
)

PICKS = ("every", "first", "last")
SCHEMA = _config.table_of(
    {"base": _config.TYPEREF, "pick": {"enum": list(PICKS)}, "stand-ins": _config.STAND_INS},
    "base",
)
_KEYS = set(SCHEMA["properties"])


def _validate(raw: Any) -> str | None:
    if not isinstance(raw, dict):
        return "must be a table: " + ", ".join(sorted(_KEYS))
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        return f"unknown key {unknown[0]!r} (expected one of: {', '.join(sorted(_KEYS))})"
    base = raw.get("base")
    if not isinstance(base, str) or not _config._TYPEREF.match(base):
        return f'`base` (the host\'s plugin base class, "module:Class") is required, got {base!r}'
    if raw.get("pick", "every") not in PICKS:
        return f"`pick` must be one of: {', '.join(PICKS)}, got {raw.get('pick')!r}"
    stand_ins = raw.get("stand-ins", [])
    if not isinstance(stand_ins, list) or not all(map(_config.stand_in_ref, stand_ins)):
        spelled = '"module:callable", { value = ... } or { none = true }'
        return f"`stand-ins` must be a list of {spelled}, one per argument, got {stand_ins!r}"
    return None


FIELDS = {
    "plugin-classes": _config.Field(
        _validate,
        SCHEMA,
        "The host instantiates the plugin base's subclasses each module defines (PC537, PC538).",
    ),
}


def plugin_classes(contract: Contract) -> tuple[TypeRef, str, tuple[str, ...]] | None:
    """``(base, pick, stand-ins)`` of the contract's ``plugin-classes`` table."""
    raw = contract.options.get("plugin-classes")
    if not isinstance(raw, dict):
        return None
    module, _, name = str(raw["base"]).partition(":")
    refs = tuple(_config.stand_in_ref(r) or "" for r in raw.get("stand-ins", ()))
    return TypeRef(module, name), str(raw.get("pick", "every")), refs


def run_plugin_classes(data: RunInput) -> list[Finding]:
    findings: list[Finding] = []
    if not data.options.dynamic:
        return findings
    for contract, plugins in data.contracts:
        spec = plugin_classes(contract)
        if spec is None:
            continue
        base, pick, stand_ins = spec
        request = ClassesRequest(
            mode="classes", base=str(base), pick=pick, stand_ins=list(stand_ins)
        )
        # The host imports the module (an entry point naming an object is not this shape).
        runnable = [p for p in plugins if p.module_path is not None]
        given = ", ".join(map(shown_stand_in, stand_ins))
        how = f"as the host does, with {given}," if given else "as the host does"
        refusals = (*explainers(PC537.code), *explainers(PC538.code))
        for answer in rejected(data, contract, runnable, request, refusals):
            if (handler := at_exit(answer)) is not None:
                findings.append(handler)
                continue
            if answer.problem == "no-class":
                findings.append(
                    PC538.at(
                        answer.plugin,
                        answer.location,
                        f"{answer.plugin.module} defines no concrete subclass of {base.module}."
                        f"{base.name}: the host finds no plugin class in it and loads nothing",
                        fix=f"define the plugin class in the module, subclassing {base.module}."
                        f"{base.name}",
                    )
                )
                continue
            findings.append(
                PC537.at(
                    answer.plugin,
                    answer.location,
                    f"instantiating the plugin class {how} fails: {answer.message}",
                    fix="make the plugin class's __init__ work with the installed host",
                )
            )
    return findings


register_pass(
    RunPass(
        name="plugin-classes", order=63, run=run_plugin_classes, enabled=lambda o: True, beside=True
    )
)
