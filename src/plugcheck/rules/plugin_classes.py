"""Hosts that build the plugin classes a module defines (``plugin-classes``, PC537/PC538).

beets imports ``beetsplug.<name>`` and instantiates the last ``BeetsPlugin`` subclass defined in
it (older hosts of this shape: every one); yt-dlp takes the public classes named ``*IE`` a module
of ``yt_dlp_plugins.extractor`` defines (``name-suffix``, or ``name-pattern``, a regular
expression); the module names no export the contract could list. The worker finds the classes
the way the host does, in the target interpreter, and builds them.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from plugcheck import config as _config
from plugcheck._ecosystem_worker.protocol import AttributeRequest, ClassesRequest, SetupCall
from plugcheck.config.fields import (
    ATTRIBUTES,
    CALL_SCHEMA,
    attribute_requests,
    attributes_problem,
)
from plugcheck.model import (
    Contract,
    Finding,
    Phase,
    Plugin,
    Severity,
    TypeRef,
    shown_stand_in,
)
from plugcheck.passes import RunInput, RunPass, register_pass
from plugcheck.rules._ecosystem import Answer, at_exit, rejected
from plugcheck.rules.base import rule
from plugcheck.rules.host_names import PC530
from plugcheck.rules.setup_spec import validate_calls, worker_call

PC537 = rule(
    "PC537",
    "plugin-class-fails",
    Severity.ERROR,
    "Instantiating a plugin class the module defines, as the host does (`plugin-classes`), or "
    "one of the host's `calls` on what it built, fails.",
    phase=Phase.DYNAMIC,
    # A name the installed host lacks, at the same place; an attribute the host reads that the
    # class statement certainly gets wrong (PC576, same attribute).
    explained_by=(PC530.code, "PC576"),
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
REGISTERED_BY = {
    "type": "string",
    "pattern": r"^\s*[A-Za-z_][\w.]*:[A-Za-z_][\w.]*\(\)\.[A-Za-z_]\w*\s*$",
}
"""``accepted-by = "module:Class().method"``: the host's registration method, called on a fresh
``Class()`` with the plugin's class (Faker's ``Generator().add_provider(cls)``)."""
SCHEMA = _config.table_of(
    {
        "base": _config.TYPEREF,
        "name-suffix": {"type": "string", "minLength": 1},
        "name-pattern": {"type": "string", "minLength": 1},
        "pick": {"enum": list(PICKS)},
        "stand-ins": _config.STAND_INS,
        "calls": {"type": "array", "items": CALL_SCHEMA},
        "attributes": ATTRIBUTES,
        "defined-here": _config.BOOLEAN,
        "accepted-by": {"anyOf": [_config.TYPEREF, REGISTERED_BY]},
        "submodules": _config.BOOLEAN,
    },
)
SCHEMA["anyOf"] = [{"required": [key]} for key in ("base", "name-suffix", "name-pattern")]
_KEYS = set(SCHEMA["properties"])


def _name_rule(raw: dict[str, Any]) -> str | None:
    """The problem with ``name-suffix``/``name-pattern``, if any."""
    if "name-suffix" in raw and "name-pattern" in raw:
        return "give `name-suffix` or `name-pattern`, not both"
    for key in ("name-suffix", "name-pattern"):
        value = raw.get(key)
        if key in raw and (not isinstance(value, str) or not value):
            return f"`{key}` must be a non-empty string, got {value!r}"
    try:
        re.compile(str(raw.get("name-pattern", "")))
    except re.error as exc:
        return f"`name-pattern` is not a regular expression: {exc}"
    return None


def _validate(raw: Any) -> str | None:
    if not isinstance(raw, dict):
        return "must be a table: " + ", ".join(sorted(_KEYS))
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        return f"unknown key {unknown[0]!r} (expected one of: {', '.join(sorted(_KEYS))})"
    if problem := _name_rule(raw):
        return problem
    base = raw.get("base")
    by_name = "name-suffix" in raw or "name-pattern" in raw
    if (base is not None or not by_name) and (
        not isinstance(base, str) or not _config._TYPEREF.match(base)
    ):
        return (
            f'`base` (the host\'s plugin base class, "module:Class") is required unless '
            f"`name-suffix` or `name-pattern` says how the host picks classes, got {base!r}"
        )
    if raw.get("pick", "every") not in PICKS:
        return f"`pick` must be one of: {', '.join(PICKS)}, got {raw.get('pick')!r}"
    stand_ins = raw.get("stand-ins", [])
    if not isinstance(stand_ins, list) or not all(map(_config.stand_in_ref, stand_ins)):
        spelled = '"module:callable", { value = ... } or { none = true }'
        return f"`stand-ins` must be a list of {spelled}, one per argument, got {stand_ins!r}"
    if not isinstance(raw.get("defined-here", True), bool):
        return f"`defined-here` must be true or false, got {raw['defined-here']!r}"
    if not isinstance(raw.get("submodules", False), bool):
        return f"`submodules` must be true or false, got {raw['submodules']!r}"
    accepted = raw.get("accepted-by")
    if accepted is not None and (
        not isinstance(accepted, str)
        or not (_config._TYPEREF.match(accepted) or registration_method(accepted))
    ):
        return (
            '`accepted-by` must be "module:callable" (the host\'s own code, given each object '
            'built) or "module:Class().method" (the host\'s method on a fresh Class(), given the '
            f"plugin's class), got {accepted!r}"
        )
    if "attributes" in raw and (problem := attributes_problem(raw["attributes"], "attributes")):
        return problem
    return validate_calls(raw["calls"]) if "calls" in raw else None


def registration_method(ref: str) -> tuple[str, str] | None:
    """``"module:Class().method"``: (``module:Class``, ``method``); ``None`` for anything else."""
    owner, dot, method = ref.strip().partition("().")
    if not dot or not _config._TYPEREF.match(owner) or not method.isidentifier():
        return None
    return owner, method


FIELDS = {
    "plugin-classes": _config.Field(
        _validate,
        SCHEMA,
        "The host instantiates the classes each module defines that it picks, by base class or "
        "by name, reads its `attributes` and makes its `calls` on each (PC537, PC538).",
    ),
}


class ClassesSpec(NamedTuple):
    """A contract's ``plugin-classes`` table, read."""

    base: TypeRef | None
    names: str  # a regular expression the class's whole name matches; "" = by base only
    shown: str  # the name rule as the contract spells it: "named *IE"
    pick: str
    stand_ins: tuple[str, ...]
    calls: tuple[SetupCall, ...] = ()
    """The host's calls on each object it built, in order (``lifecycle.calls``' entries)."""
    attributes: tuple[AttributeRequest, ...] = ()
    """What the host reads from each object it built, before its calls."""
    defined_here: bool = True
    """The host takes only classes whose ``__module__`` is the module's (beets); ``False``:
    every concrete subclass the module binds."""
    accepted_by: str | None = None
    """The host's own code given each object it built, after the calls (Faker's
    ``add_provider`` and the formatters it makes of the provider's methods)."""
    submodules: bool = False
    """Users hand the host the classes (Faker's ``add_provider``), importing them from the
    plugin package or any of its modules: each module is looked in, not only the package."""


def plugin_classes(contract: Contract) -> ClassesSpec | None:
    """The contract's ``plugin-classes`` table, read."""
    raw = contract.options.get("plugin-classes")
    if not isinstance(raw, dict):
        return None
    base = None
    if isinstance(raw.get("base"), str):
        module, _, name = str(raw["base"]).partition(":")
        base = TypeRef(module, name)
    names, shown = "", ""
    if "name-suffix" in raw:
        names, shown = ".*" + re.escape(str(raw["name-suffix"])), f"named *{raw['name-suffix']}"
    elif "name-pattern" in raw:
        names, shown = str(raw["name-pattern"]), f"named as {raw['name-pattern']!r} matches"
    refs = tuple(_config.stand_in_ref(r) or "" for r in raw.get("stand-ins", ()))
    calls = tuple(worker_call(item) for item in raw.get("calls", ()))
    return ClassesSpec(
        base,
        names,
        shown,
        str(raw.get("pick", "every")),
        refs,
        calls,
        tuple(attribute_requests(raw.get("attributes", []))),
        bool(raw.get("defined-here", True)),
        str(raw["accepted-by"]).strip() if isinstance(raw.get("accepted-by"), str) else None,
        raw.get("submodules") is True,
    )


def run_plugin_classes(data: RunInput) -> list[Finding]:
    findings: list[Finding] = []
    if not data.options.dynamic:
        return findings
    for contract, plugins in data.contracts:
        spec = plugin_classes(contract)
        if spec is None:
            continue
        base, pick, stand_ins = spec.base, spec.pick, spec.stand_ins
        request = ClassesRequest(
            mode="classes",
            base=str(base or ""),
            names=spec.names,
            pick=pick,
            stand_ins=list(stand_ins),
            calls=list(spec.calls),
            attributes=list(spec.attributes),
            defined_here=spec.defined_here,
        )
        if spec.accepted_by is not None:
            request["accepted_by"] = spec.accepted_by
        # The host imports the module (an entry point naming an object is not this shape).
        # A folder with no __init__.py imports as a namespace package: nothing of it runs, and
        # it defines no class (PC538) unless its modules are where users import classes from
        # when they hand them to the host (``submodules``).
        runnable = [p for p in plugins if p.module_path is not None or _namespace(p)]
        if spec.submodules:
            request["submodules"] = {p.name: _submodules(p) for p in runnable}
        given = ", ".join(map(shown_stand_in, stand_ins))
        how = f"as the host does, with {given}," if given else "as the host does"
        for answer in rejected(data, contract, runnable, request, (PC537, PC538)):
            if (handler := at_exit(answer)) is not None:
                findings.append(handler)
                continue
            if answer.problem == "no-class":
                findings.append(_no_class(answer, spec))
            elif answer.problem == "submodule":  # a module users import classes from
                findings.append(
                    PC537.at(
                        answer.plugin,
                        answer.location,
                        f"{answer.message}: users who import plugin classes from it get the same "
                        "error, and the classes it defines were not checked",
                        fix=f"make {answer.hook} import with the installed host",
                        related=answer.related,
                        severity=Severity.WARNING,
                        subject=answer.hook,
                    )
                )
            elif answer.problem == "not-base":
                findings.append(
                    PC537.at(
                        answer.plugin,
                        answer.location,
                        f"{answer.message}: the host takes it as one and fails when it uses it",
                        fix=f"subclass {_dotted(spec.base)}, imported from the host itself",
                        related=answer.related,
                    )
                )
            elif answer.problem == "attribute":  # what the host reads from what it built
                findings.append(
                    PC537.at(
                        answer.plugin,
                        answer.location,
                        f"the plugin class built {how} is not what the host reads from it: "
                        f"{answer.message}",
                        fix="set the attribute on the plugin class (or in its __init__) to what "
                        "the host requires",
                        related=answer.related,
                        subject=answer.hook,
                    )
                )
            elif answer.problem == "accepted":  # the host's own code given what it built
                findings.append(
                    PC537.at(
                        answer.plugin,
                        answer.location,
                        f"the plugin class built {how} is refused by the host: {answer.message}",
                        fix="make the plugin class work as the host's code uses it (the "
                        "contract's accepted-by)",
                        related=answer.related,
                    )
                )
            elif answer.hook is not None:  # the host's call on the object it built
                findings.append(
                    PC537.at(
                        answer.plugin,
                        answer.location,
                        f"the plugin class built {how} fails when the host uses it: "
                        f"{answer.message}",
                        fix=f"make {answer.hook}() work with what the host passes and give back "
                        "what it takes",
                        related=answer.related,
                    )
                )
            else:
                findings.append(
                    PC537.at(
                        answer.plugin,
                        answer.location,
                        f"instantiating the plugin class {how} fails: {answer.message}",
                        fix="make the plugin class's __init__ work with the installed host",
                        related=answer.related,
                    )
                )
    return findings


def _namespace(plugin: Plugin) -> bool:
    """A plugin folder with no ``__init__.py`` (faker-security): imported, a namespace package."""
    return plugin.module_path is None and (
        plugin.namespace_package or (plugin.root.is_dir() and bool(plugin.files))
    )


def _submodules(plugin: Plugin) -> list[str]:
    """The public modules of the plugin's package, where its users import classes from (its
    files as plugcheck reads them: no tests, no docs): a private one (``_utils.parse``, a data
    script run by hand) or a ``__main__`` (a program) is no place users import from."""
    package = plugin.module_path is not None and plugin.module_path.name == "__init__.py"
    if not package and not _namespace(plugin):
        return []
    names = {plugin.module_name(path) for path in plugin.files}
    prefix = plugin.module + "."
    return sorted(
        n
        for n in names
        if n is not None
        and n.startswith(prefix)
        and not any(part.startswith("_") for part in n[len(prefix) :].split("."))
    )


def _dotted(ref: TypeRef | None) -> str:
    return f"{ref.module}.{ref.name}" if ref is not None else ""


def _no_class(answer: Answer, spec: ClassesSpec) -> Finding:
    module, base = answer.plugin.module, _dotted(spec.base)
    if spec.names:
        # The worker names the base's subclasses the module defines that the rule passes over.
        return PC538.at(
            answer.plugin,
            answer.location,
            f"{module} defines {answer.message} (subclassing {base}) but the host picks only "
            f"public classes {spec.shown}: it loads nothing from the module",
            fix=f"name the plugin class to match ({spec.shown}), public and in __all__ when the "
            "module has one",
            related=answer.related,
        )
    if answer.message and answer.message != "no plugin class":
        # The worker names the subclasses the module binds that were made elsewhere.
        return PC538.at(
            answer.plugin,
            answer.location,
            f"{module} defines no concrete subclass of {base}: it binds {answer.message}, "
            "which the host skips as not defined in the module, and loads nothing",
            fix=f"define the plugin class with a class statement in the module, subclassing "
            f"{base} (or, if the host takes every subclass the module binds, set "
            "`defined-here = false` in the contract's plugin-classes)",
            related=answer.related,
        )
    if spec.submodules:
        return PC538.at(
            answer.plugin,
            answer.location,
            f"no module of {module} defines a concrete subclass of {base}: its users have no "
            "plugin class to hand the host",
            fix=f"define the plugin class in the package, subclassing {base}",
            related=answer.related,
        )
    return PC538.at(
        answer.plugin,
        answer.location,
        f"{module} defines no concrete subclass of {base}: the host finds no plugin class in "
        "it and loads nothing",
        fix=f"define the plugin class in the module, subclassing {base}",
        related=answer.related,
    )


register_pass(
    RunPass(
        name="plugin-classes", order=63, run=run_plugin_classes, enabled=lambda o: True, beside=True
    )
)
