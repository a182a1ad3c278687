"""Contract keys as data: ``Field`` (a check and its JSON Schema), ``KindSchema``, the value
checks, and the keys every contract (``COMMON_FIELDS``) or Python contract
(``PYTHON_FIELDS``) may set."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the workers' request shape; the config layer imports no worker
    from plugcheck._ecosystem_worker.protocol import AttributeRequest

_IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
_DOTTED = re.compile(rf"{_IDENT}(\.{_IDENT})*\Z")
_TYPEREF = re.compile(rf"({_IDENT}(?:\.{_IDENT})*):({_IDENT}(?:\.{_IDENT})*)\Z")

Check = Callable[[Any], str | None]
"""A key's value -> the problem with it (one line), or ``None``."""


@dataclass(frozen=True, slots=True)
class Field:
    """A contract key: how its value is checked, and the same rule as JSON Schema for editors.

    ``check`` is ``None`` for the keys this module parses itself (``exports``, ``lifecycle``).
    """

    check: Check | None
    schema: Mapping[str, Any] = field(default_factory=dict)
    description: str = ""


@dataclass(frozen=True, slots=True)
class KindSchema:
    """A contract kind as the configuration sees it: its name and the keys it owns beside
    :data:`COMMON_FIELDS`, some of which a contract of the kind must set."""

    name: str
    fields: Mapping[str, Field]
    required: tuple[str | tuple[str, ...], ...] = ()
    """Keys a contract of the kind must set; a tuple of keys: at least one of them."""
    description: str = ""


# Checks for contract keys: a value -> the problem with it, or ``None``.


def positive_number(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return f"must be a positive number, got {value!r}"
    return None


def positive_int(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return f"must be a positive integer, got {value!r}"
    return None


def string_list(value: Any) -> str | None:
    if not isinstance(value, list) or not value or not all(isinstance(x, str) for x in value):
        return f"must be a non-empty list of strings, got {value!r}"
    return None


def nonempty_string(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return f"must be a non-empty string, got {value!r}"
    return None


def boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"must be true or false, got {value!r}"


_CODE = re.compile(r"PC[0-9]{0,3}\Z")


def code_list(value: Any) -> str | None:
    """Rule codes or prefixes (``PC3``, ``PC303``); an empty list is allowed."""
    if not isinstance(value, list) or not all(isinstance(x, str) and _CODE.match(x) for x in value):
        return f'must be a list of rule codes or prefixes such as "PC303" or "PC3", got {value!r}'
    return None


def dotted_name(value: Any) -> str | None:
    if not isinstance(value, str) or not _DOTTED.match(value):
        return f'must be a dotted package name such as "host.plugins", got {value!r}'
    return None


def applies_to(value: Any) -> str | None:
    """``{ requires = [dists], defines = "name" }`` or ``{ requires, namespace = "pkg" }``."""
    shape = '{ requires = ["host"], defines = "function" } or { requires, namespace = "pkg" }'
    if not isinstance(value, dict):
        return f"must be a table: {shape}"
    unknown = sorted(set(value) - {"requires", "defines", "namespace"})
    if unknown:
        return f"unknown key {unknown[0]!r} (expected one of: defines, namespace, requires)"
    requires = value.get("requires")
    if not (isinstance(requires, list) and requires and all(isinstance(r, str) for r in requires)):
        return "requires must be a non-empty list of distribution names"
    if ("defines" in value) == ("namespace" in value):
        return f"needs exactly one of defines and namespace: {shape}"
    if "defines" in value and not (
        isinstance(value["defines"], str) and re.fullmatch(_IDENT, value["defines"])
    ):
        return "defines must be a Python identifier"
    if "namespace" in value:
        return dotted_name(value["namespace"])
    return None


def module_name_pattern(value: Any) -> str | None:
    """A regular expression, or ``{ pattern, packages-only = bool, exclude = [names] }``."""
    shape = '"^host_.+$" or { pattern = "^host_.+$", packages-only = true, exclude = ["host_io"] }'
    table = value if isinstance(value, dict) else {"pattern": value}
    unknown = sorted(set(table) - {"pattern", "packages-only", "exclude"})
    if unknown:
        return f"unknown key {unknown[0]!r} (expected one of: exclude, packages-only, pattern)"
    pattern = table.get("pattern")
    if not isinstance(pattern, str) or not pattern:
        return f"needs a non-empty regular expression: {shape}"
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"{pattern!r} is not a regular expression: {exc}"
    if not isinstance(table.get("packages-only", False), bool):
        return "packages-only must be true or false"
    exclude = table.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(x, str) for x in exclude):
        return "exclude must be a list of module names"
    return None


def per_plugin_codes(value: Any) -> str | None:
    """``plugin-name = ["PCnnn", ...]``: codes or prefixes silenced for one plugin."""
    if not isinstance(value, dict):
        return 'must be a table: plugin-name = ["PCnnn", ...]'
    for plugin, codes in value.items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            return f"{plugin}: must be a list of rule codes or prefixes, got {codes!r}"
        bad = [c for c in codes if not _CODE.match(c)]
        if bad:
            listed = ", ".join(map(repr, bad))
            return f"{plugin}: {listed} is not a rule code or prefix (PC1, PC101)"
    return None


def preload_call(entry: object) -> tuple[str, dict[str, Any]] | None:
    """A ``preload-calls`` entry as ``("module:function", keywords)``; ``None`` when it is
    none (a keyword value JSON cannot hold, a date, too)."""
    if isinstance(entry, str):
        entry = {"function": entry}
    if not isinstance(entry, dict) or not set(entry) <= {"function", "keywords"}:
        return None
    function, keywords = entry.get("function"), entry.get("keywords", {})
    if not isinstance(function, str) or not _TYPEREF.match(function.strip()):
        return None
    if not isinstance(keywords, dict) or not all(k.isidentifier() for k in keywords):
        return None
    try:
        json.dumps(keywords)
    except (TypeError, ValueError):
        return None
    return function.strip(), keywords


# JSON Schema fragments for the generated schema (plugcheck/schema.py): editors check what they
# can; the checks above stay the authority.
ANY: Mapping[str, Any] = {}
STRING: Mapping[str, Any] = {"type": "string", "minLength": 1}
STRINGS: Mapping[str, Any] = {"type": "array", "items": {"type": "string"}}
BOOLEAN: Mapping[str, Any] = {"type": "boolean"}
POSITIVE_NUMBER: Mapping[str, Any] = {"type": "number", "exclusiveMinimum": 0}
POSITIVE_INT: Mapping[str, Any] = {"type": "integer", "minimum": 1}
TABLE: Mapping[str, Any] = {"type": "object"}
CODES: Mapping[str, Any] = {
    "type": "array",
    "items": {"type": "string", "pattern": "^PC[0-9]{0,3}$"},
}
TYPEREF: Mapping[str, Any] = {
    "type": "string",
    "pattern": rf"^\s*{_IDENT}(\.{_IDENT})*:{_IDENT}(\.{_IDENT})*\s*$",
}
"""A type reference ``"module:name"``."""
TYPEREFS: Mapping[str, Any] = {"type": "array", "items": TYPEREF}
IDENTIFIER: Mapping[str, Any] = {"type": "string", "pattern": rf"^{_IDENT}$"}
STAND_IN: Mapping[str, Any] = {
    "anyOf": [
        TYPEREF,
        {
            "type": "object",
            "properties": {"value": {}},
            "required": ["value"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"none": {"const": True}},
            "required": ["none"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"entry-point": {"const": "name"}},
            "required": ["entry-point"],
            "additionalProperties": False,
        },
    ]
}
"""A stand-in: ``"module:callable"``, ``{ value = <literal> }`` (a string, number, boolean,
list or table), ``{ none = true }`` (``None``, which TOML cannot spell) or ``{ entry-point =
"name" }`` (the name of the plugin's entry point, which hosts pass and plugins keep: certbot's
``plugin_cls(config, name)``; setup-function stand-ins only)."""

ENTRY_POINT_NAME = ':{"$entry-point": "name"}'
"""``{ entry-point = "name" }`` as a stand-in reference: a literal the setup worker replaces
with each plugin's entry-point name."""


def stand_in_ref(value: object) -> str | None:
    """A stand-in as the harness and workers take it: ``module:callable`` (called for each
    use), or ``:<json>`` for a literal, a fresh copy each time (``{ none = true }``: ``:null``);
    ``None`` when ``value`` is no stand-in (a date, which JSON cannot hold, too)."""
    if isinstance(value, str):
        return value.strip() if _TYPEREF.match(value.strip()) else None
    if not isinstance(value, dict):
        return None
    if set(value) == {"none"}:
        return ":null" if value["none"] is True else None
    if set(value) == {"entry-point"}:
        return ENTRY_POINT_NAME if value["entry-point"] == "name" else None
    if set(value) != {"value"}:
        return None
    try:
        return ":" + json.dumps(value["value"], sort_keys=True, default=_no_json)
    except (TypeError, ValueError):
        return None


MAX_SAMPLES = 16
"""The most samples one argument may have (``{ samples = [...] }``), and the most calls a
contract may ask of one hook: each is a call of the plugin's code in the run."""


def sample_refs(value: object) -> list[str] | None:
    """The stand-ins of an argument the host passes different values for across its calls, ``{
    samples = [stand-in, ...] }`` (a page with text, an empty one, ``None``), each as
    :func:`stand_in_ref` gives it; a plain stand-in is one sample. ``None`` when ``value`` is
    neither, an item is no stand-in, or there are none or more than :data:`MAX_SAMPLES`."""
    if not (isinstance(value, dict) and set(value) == {"samples"}):
        ref = stand_in_ref(value)
        return None if ref is None else [ref]
    items = value["samples"]
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_SAMPLES:
        return None
    refs = [stand_in_ref(item) for item in items]
    return None if None in refs else [r for r in refs if r is not None]


def _no_json(value: object) -> object:
    """Dates and times (TOML has them) have no JSON spelling: refused."""
    raise TypeError(type(value).__name__)


STAND_INS: Mapping[str, Any] = {"type": "array", "items": STAND_IN}
KEYWORD_STAND_INS: Mapping[str, Any] = {
    "type": "object",
    "propertyNames": IDENTIFIER,
    "additionalProperties": STAND_IN,
}


def table_of(properties: Mapping[str, Any], *required: str) -> dict[str, Any]:
    """A table with exactly these keys (each a JSON Schema), ``required`` among them."""
    return {
        "type": "object",
        "properties": dict(properties),
        "additionalProperties": False,
        **({"required": list(required)} if required else {}),
    }


ATTRIBUTES: Mapping[str, Any] = {
    "type": "array",
    "items": {
        "anyOf": [
            IDENTIFIER,
            table_of({"name": IDENTIFIER, "type": TYPEREF, "non-empty": BOOLEAN}, "name"),
        ]
    },
}
"""``attributes``: what the host reads from an object it got from a plugin, each ``"name"``
(there and not empty) or ``{ name = "name", type = "module:Class", non-empty = false }``."""


def attributes_problem(value: object, where: str) -> str | None:
    """The problem with an ``attributes`` list, if any."""
    shape = (
        f'`{where}` must be a list of attribute names or tables {{ name = "name", type = '
        f'"module:Class", non-empty = true }}, got {value!r}'
    )
    if not isinstance(value, list):
        return shape
    for item in value:
        if isinstance(item, str) and item.isidentifier():
            continue
        if not isinstance(item, dict) or set(item) - {"name", "type", "non-empty"}:
            return shape
        name, kind = item.get("name"), item.get("type")
        if not isinstance(name, str) or not name.isidentifier():
            return shape
        if kind is not None and not (isinstance(kind, str) and _TYPEREF.match(kind)):
            return shape
        if not isinstance(item.get("non-empty", True), bool):
            return shape
    return None


def attribute_requests(value: object) -> list[AttributeRequest]:
    """A valid ``attributes`` list as the workers take it: a bare name must be there and not
    empty (``if not obj.name``), a table says its class and whether it may be empty."""
    requests: list[AttributeRequest] = []
    for item in value if isinstance(value, list) else ():
        if isinstance(item, str):
            requests.append({"name": item, "type": None, "non_empty": True})
        else:
            requests.append(
                {
                    "name": item["name"],
                    "type": item.get("type"),
                    "non_empty": bool(item.get("non-empty", True)),
                }
            )
    return requests


EXPORT_KINDS = ("any", "callable", "function", "class", "instance", "factory")
"""``model.ExportKind``'s values."""
CALL_RETURNS = ("any", "none", "mapping", "mapping-or-none", "instance", "subclass", "iterable")
"""What a host does with a ``lifecycle.calls`` method's result."""

EXPORT_SCHEMA = table_of(
    {
        "type": TYPEREF,
        "versions": {"type": "array", "items": IDENTIFIER},
        "kind": {"enum": list(EXPORT_KINDS)},
        "optional": BOOLEAN,
        "signature": STRING,
    }
)
"""One ``exports`` entry as a table."""
CALL_SCHEMA = table_of(
    {
        "method": IDENTIFIER,
        "stand-ins": STAND_INS,
        "keyword-stand-ins": KEYWORD_STAND_INS,
        "returns": {"enum": list(CALL_RETURNS)},
        "required-keys": STRINGS,
        "return-type": TYPEREF,
    },
    "method",
)
"""One ``lifecycle.calls`` entry."""
LIFECYCLE_SCHEMA = table_of(
    {
        "protocol": TYPEREF,
        "factory": STRING,
        "config": TABLE,
        "config-complete": BOOLEAN,
        "invalid-config": TABLE,
        "deadline": POSITIVE_NUMBER,
        "async": BOOLEAN,
        "long-running": BOOLEAN,
        "reload": BOOLEAN,
        "env": STRINGS,
        "memory": {"type": "integer", "minimum": 64},
        "register": STRING,
        "registry": TYPEREF,
        "registered-factories": BOOLEAN,
        "calls": {"type": "array", "items": CALL_SCHEMA},
        "factory-stand-ins": STAND_INS,
        "factory-keyword-stand-ins": KEYWORD_STAND_INS,
    }
)
"""``lifecycle``: its keys are those ``config.contract`` parses (one list, this one)."""

COMMON_FIELDS: dict[str, Field] = {
    "kind": Field(None, STRING, "The contract kind."),
    "paths": Field(None, STRINGS, "Globs of plugin files or directories, from the host's folder."),
    "select": Field(code_list, CODES, "Only these rule codes or prefixes, for this contract."),
    "extend-select": Field(
        code_list,
        CODES,
        "Rule codes or prefixes added to this contract's selection (an opt-in rule such as PC008), "
        "keeping every rule the selection has besides.",
    ),
    "ignore": Field(code_list, CODES, "Rule codes or prefixes not reported for this contract."),
    "per-plugin-ignores": Field(
        per_plugin_codes,
        {"type": "object", "additionalProperties": CODES},
        "Rule codes or prefixes silenced for one plugin: name = [codes].",
    ),
}
"""Keys every contract may set, whatever its kind."""

PYTHON_FIELDS: dict[str, Field] = {
    "api": Field(None, STRING, "The module plugins import the host's API from."),
    "api-distribution": Field(None, STRING, "The distribution that ships the API."),
    "entry-point-group": Field(None, STRING, "Plugins installed under this entry-point group."),
    "entry-point-group-pattern": Field(
        None,
        STRING,
        "Plugins installed under every entry-point group this fnmatch pattern matches, for a host "
        "that builds its groups' names at run time (openstack.*.v*); instead of "
        "entry-point-group.",
    ),
    "entry-point-names": Field(
        string_list,
        STRINGS,
        "Only the entry points of the group with these names (PyInstaller asks pyinstaller40 for "
        "name='hook-dirs' only); default every one.",
    ),
    "exports": Field(
        None,
        {
            "type": "object",
            "propertyNames": IDENTIFIER,
            "additionalProperties": {"anyOf": [TYPEREF, EXPORT_SCHEMA]},
        },
        'What each plugin module defines: name = "module:Type" or a table.',
    ),
    "lifecycle": Field(None, LIFECYCLE_SCHEMA, "How the host drives a plugin object."),
    "entry-point-object": Field(
        None,
        {
            "anyOf": [
                TYPEREF,
                table_of({"type": TYPEREF, "kind": {"enum": list(EXPORT_KINDS)}}, "type"),
                table_of({"signature": STRING}, "signature"),
            ]
        },
        'The type of the object each entry point names: "module:Type", { type, kind }, or '
        '{ signature = "Callable[..., R]" } where the host annotates it inline.',
    ),
    "search-path": Field(None, STRINGS, "Directories the host puts on sys.path."),
    "module-name-pattern": Field(
        module_name_pattern,
        {
            "anyOf": [
                STRING,
                table_of(
                    {"pattern": STRING, "packages-only": BOOLEAN, "exclude": STRINGS}, "pattern"
                ),
            ]
        },
        "Plugins are the top-level modules of the target's sys.path whose names this regular "
        "expression matches (re.match), as a host that scans pkgutil.iter_modules() finds them "
        "(lml: pyexcel); a table adds packages-only (lml keeps packages only) and exclude (names "
        "the host skips).",
    ),
    "namespace": Field(
        dotted_name, STRING, "The namespace package plugins live in (imported by dotted name)."
    ),
    "applies-to": Field(
        applies_to,
        {
            "type": "object",
            "properties": {
                "requires": {"type": "array", "items": STRING, "minItems": 1},
                "defines": STRING,
                "namespace": STRING,
            },
            "required": ["requires"],
            "additionalProperties": False,
        },
        "For a contract without an entry-point group: when it applies to a plugin project "
        "(the project depends on one of `requires` and its modules define `defines` or ship "
        "modules in `namespace`).",
    ),
}
"""Keys this module parses for the Python kinds; each Python kind adds its own."""
