"""Load and validate ``[tool.plugcheck]`` from a host's pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plugcheck.model import (
    ENTRY_POINT_OBJECT,
    Contract,
    Export,
    ExportKind,
    HostCall,
    Lifecycle,
    Severity,
    TypeRef,
)
from plugcheck.untrusted import read_source

_IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
_DOTTED = re.compile(rf"{_IDENT}(\.{_IDENT})*\Z")
_TYPEREF = re.compile(rf"({_IDENT}(?:\.{_IDENT})*):({_IDENT}(?:\.{_IDENT})*)\Z")


class ConfigError(Exception):
    """The contract cannot be used; each entry of ``problems`` is one line for the user."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Config:
    source: Path
    contracts: tuple[Contract, ...]
    fail_on: Severity = Severity.WARNING
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    cache_dir: Path | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)
    origins: Mapping[str, str] = field(default_factory=dict)
    """Contract name -> where it came from, for contracts not declared in ``source`` (published
    by a host, bundled with plugcheck)."""

    notes: tuple[str, ...] = ()
    """What finding the contracts met that the report should say (a skipped published one)."""
    reasons: Mapping[str, str] = field(default_factory=dict)
    """Contract name -> why it applies to the plugin project (``plugcheck contracts``)."""
    plugin_paths: Mapping[str, tuple[Path, ...]] = field(default_factory=dict)
    """Contract name -> the plugin project's modules that are its plugins (its ``applies-to``
    marker found them); the other contracts check the project itself."""
    passed_over: tuple[str, ...] = ()
    """The contracts that could apply to the plugin project and do not, each with why."""
    hints: tuple[str, ...] = ()
    """What to do when the run cannot go on (the plugin project's host is not installed)."""

    def origin(self, contract: Contract) -> str:
        return self.origins.get(contract.name) or f"[tool.plugcheck] in {contract.source}"


def parse_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads``, raising ``ValueError`` (``TOMLDecodeError`` is one) for every bad
    document, also one nested deeper than the parser can recurse (an inline table 1,000 deep)."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise ValueError("tables or arrays nested too deeply") from None


def _unusable(path: Path, *, directory: bool, missing: str) -> str | None:
    """Why ``path`` is not an existing directory (or file), or ``None`` when it is one."""
    try:
        found = path.is_dir() if directory else path.is_file()
    except OSError as exc:  # a name too long for the file system, a permission problem
        return f"cannot be read ({exc.strerror or type(exc).__name__})"
    return None if found else missing


def find_config(start: Path) -> Path | None:
    """The nearest pyproject.toml with a ``[tool.plugcheck]`` table, walking up from ``start``."""
    return search_config([start], [])


def search_config(starts: Sequence[Path], looked: list[Path]) -> Path | None:
    """The nearest pyproject.toml with a ``[tool.plugcheck]`` table upwards from each of
    ``starts`` in turn; each directory looked in is appended to ``looked``."""
    for directory in upwards(starts, looked):
        if has_table(directory / "pyproject.toml"):
            return directory / "pyproject.toml"
    return None


def upwards(starts: Sequence[Path], looked: list[Path]) -> Iterator[Path]:
    """Each directory from each of ``starts`` up to the root, in turn, appended to ``looked`` as
    it is yielded; one already in ``looked`` ends that start's walk (so do those above it)."""
    for start in starts:
        start = start.resolve()
        for directory in (start, *start.parents) if start.is_dir() else start.parents:
            if directory in looked:
                break
            looked.append(directory)
            yield directory


def has_table(candidate: Path) -> bool:
    """Whether ``candidate`` exists with a ``[tool.plugcheck]`` table (or cannot be read: then
    :func:`load_config` reports it)."""
    if not candidate.is_file():
        return False
    try:
        data = parse_toml(read_source(candidate).decode("utf-8"))
    except (OSError, ValueError):  # UnicodeDecodeError and TOMLDecodeError too
        return True
    tool = data.get("tool")
    return isinstance(tool, dict) and "plugcheck" in tool


def load_config(path: Path, kinds: Mapping[str, KindSchema]) -> Config:
    """Read ``path`` (and any files it includes) into a validated :class:`Config`; ``kinds`` are
    the contract kinds that may be used, each with the keys it owns."""
    problems: list[str] = []
    config = _load(path.resolve(), problems, set(), kinds)
    if problems or config is None:
        raise ConfigError(problems or [f"{path}: no [tool.plugcheck] table"])
    return config


def _read_toml(path: Path, problems: list[str]) -> dict[str, Any] | None:
    try:
        text = read_source(path).decode("utf-8")
    except FileNotFoundError:
        problems.append(f"{path}: file not found")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot read: {exc}")
        return None
    try:
        return parse_toml(text)
    except ValueError as exc:
        problems.append(f"{path}: invalid TOML: {exc}")
        return None


def _load(
    path: Path, problems: list[str], seen: set[Path], kinds: Mapping[str, KindSchema]
) -> Config | None:
    if path in seen:
        problems.append(f"{path}: included twice (include cycle)")
        return None
    seen.add(path)
    data = _read_toml(path, problems)
    if data is None:
        return None
    tool = data.get("tool")
    table = tool.get("plugcheck") if isinstance(tool, dict) else None
    if table is None:
        problems.append(f"{path}: no [tool.plugcheck] table")
        return None
    v = _Validator(path, problems)
    if not isinstance(table, dict):
        v.error("tool.plugcheck", "must be a table")
        return None
    v.unknown_keys("tool.plugcheck", table, _TOP_KEYS)
    base = path.parent
    raw_search_path = v.str_list("tool.plugcheck", table, "search-path")
    search_path = tuple(base / p for p in raw_search_path)
    for sp, raw in zip(search_path, raw_search_path, strict=True):
        if problem := _unusable(sp, directory=True, missing="does not exist"):
            v.error("tool.plugcheck.search-path", f"directory {raw!r} {problem}")
    contracts: list[Contract] = []
    raw_contracts = table.get("contracts", {})
    if not isinstance(raw_contracts, dict):
        v.error("tool.plugcheck.contracts", "must be a table of named contracts")
        raw_contracts = {}
    for name, raw in raw_contracts.items():
        contract = _contract(v, name, raw, search_path, kinds)
        if contract is not None:
            contracts.append(contract)
    for include in v.str_list("tool.plugcheck", table, "include"):
        if problem := _unusable(base / include, directory=False, missing="file not found"):
            v.error("tool.plugcheck.include", f"{include!r}: {problem}")
            continue
        sub = _load((base / include).resolve(), problems, seen, kinds)
        if sub is not None:
            contracts.extend(sub.contracts)
    if not contracts and not problems:
        v.error("tool.plugcheck.contracts", "no contract declared")
    names = [c.name for c in contracts]
    for dup in sorted({n for n in names if names.count(n) > 1}):
        v.error(f"tool.plugcheck.contracts.{dup}", "contract declared twice (through include)")
    fail_on = v.choice("tool.plugcheck", table, "fail-on", [s.value for s in Severity])
    cache = v.string("tool.plugcheck", table, "cache-dir")
    return Config(
        source=path,
        contracts=tuple(contracts),
        fail_on=Severity(fail_on) if fail_on else Severity.WARNING,
        select=tuple(v.str_list("tool.plugcheck", table, "select")),
        ignore=tuple(v.str_list("tool.plugcheck", table, "ignore")),
        cache_dir=base / cache if cache else None,
        settings=table,
    )


_TOP_KEYS = {
    "contracts",
    "include",
    "search-path",
    "fail-on",
    "select",
    "ignore",
    "cache-dir",
    "use",
}
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
    required: tuple[str, ...] = ()
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

COMMON_FIELDS: dict[str, Field] = {
    "kind": Field(None, STRING, "The contract kind."),
    "paths": Field(None, STRINGS, "Globs of plugin files or directories, from the host's folder."),
    "select": Field(code_list, CODES, "Only these rule codes or prefixes, for this contract."),
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
    "exports": Field(
        None,
        {"type": "object", "additionalProperties": {"type": ["string", "object"]}},
        'What each plugin module defines: name = "module:Type" or a table.',
    ),
    "lifecycle": Field(None, TABLE, "How the host drives a plugin object."),
    "entry-point-object": Field(
        None,
        {"type": ["string", "object"]},
        'The type of the object each entry point names: "module:Type" or { type, kind }.',
    ),
    "search-path": Field(None, STRINGS, "Directories the host puts on sys.path."),
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


_EXPORT_KEYS = {"type", "versions", "kind", "optional"}
_LIFECYCLE_KEYS = {
    "protocol",
    "factory",
    "config",
    "invalid-config",
    "deadline",
    "async",
    "long-running",
    "reload",
    "env",
    "memory",
    "register",
    "registry",
    "calls",
}
_CALL_KEYS = {"method", "stand-ins", "keyword-stand-ins", "returns", "required-keys", "return-type"}
_CALL_RETURNS = ("any", "none", "mapping", "mapping-or-none", "instance", "subclass", "iterable")
_NOT_WITH_CALLS = ("config", "invalid-config", "long-running", "async")
"""Lifecycle keys about init/run/shutdown, which a host with its own ``calls`` never makes."""


def _contract(
    v: _Validator,
    name: str,
    raw: object,
    search_path: tuple[Path, ...],
    kinds: Mapping[str, KindSchema],
) -> Contract | None:
    key = f"tool.plugcheck.contracts.{name}"
    if not isinstance(raw, dict):
        v.error(key, "must be a table")
        return None
    kind = v.choice(key, raw, "kind", list(kinds), required=True)
    own = {**COMMON_FIELDS, **kinds[kind].fields} if kind else {}
    if kind:
        v.foreign_keys(key, raw, own, kind, kinds)
    for field_name, spec in own.items():
        check = spec.check
        if check is not None and field_name in raw and (problem := check(raw[field_name])):
            v.error(f"{key}.{field_name}", problem)
    for needed in kinds[kind].required if kind else ():
        if needed not in raw:
            v.error(f"{key}.{needed}", f"is required for kind = {kind!r}")
    api = v.string(key, raw, "api")
    if api is not None and not _DOTTED.match(api):
        v.error(f"{key}.api", f"{api!r} is not an importable module name")
    dist = v.string(key, raw, "api-distribution")
    group = v.string(key, raw, "entry-point-group")
    paths = v.str_list(key, raw, "paths")
    if not paths and not group and "paths" not in raw and "entry-point-group" not in raw:
        v.error(key, "no discovery: set `paths`, `entry-point-group`, or both")
    elif raw.get("paths") == [] and not group:
        v.error(f"{key}.paths", "is empty and there is no `entry-point-group`: nothing to check")
    own_path = tuple(v.contract_base / p for p in v.str_list(key, raw, "search-path"))
    exports = _exports(v, key, raw.get("exports", {}))
    ep_object = _entry_point_object(v, key, raw.get("entry-point-object"), group)
    lifecycle = _lifecycle(v, key, raw.get("lifecycle"), exports, ep_object)
    if kind is None:
        return None
    return Contract(
        name=name,
        kind=kind,
        source=v.path,
        api=api,
        api_distribution=dist,
        entry_point_group=group,
        paths=tuple(paths),
        exports=exports,
        lifecycle=lifecycle,
        search_path=own_path + search_path,
        options={k: raw[k] for k, f in own.items() if f.check is not None and k in raw},
        entry_point_object=ep_object,
    )


_EP_OBJECT_KEYS = {"type", "kind"}


def _entry_point_object(v: _Validator, key: str, raw: object, group: str | None) -> Export | None:
    if raw is None:
        return None
    key = f"{key}.entry-point-object"
    if group is None:
        v.error(key, "needs `entry-point-group`: only entry points name an object")
    if isinstance(raw, str):
        return Export(ENTRY_POINT_OBJECT, type=v.typeref(key, raw))
    if not isinstance(raw, dict):
        v.error(key, 'must be a type reference "module:name" or a table { type, kind }')
        return None
    v.unknown_keys(key, raw, _EP_OBJECT_KEYS)
    if "type" not in raw:
        v.error(f"{key}.type", 'is required (a type reference "module:name")')
        return None
    ref = v.typeref(f"{key}.type", raw["type"])
    kind = v.choice(key, raw, "kind", [k.value for k in ExportKind])
    return Export(ENTRY_POINT_OBJECT, type=ref, kind=ExportKind(kind) if kind else None)


def _exports(v: _Validator, key: str, raw: object) -> tuple[Export, ...]:
    key = f"{key}.exports"
    if not isinstance(raw, dict):
        v.error(key, "must be a table: symbol = type or { ... }")
        return ()
    exports = []
    for name, spec in raw.items():
        ekey = f"{key}.{name}"
        if not re.fullmatch(_IDENT, name):
            v.error(ekey, f"{name!r} is not a Python identifier")
            continue
        if isinstance(spec, str):
            exports.append(Export(name, type=v.typeref(ekey, spec)))
            continue
        if not isinstance(spec, dict):
            v.error(ekey, 'must be a type reference "module:name" or a table')
            continue
        v.unknown_keys(ekey, spec, _EXPORT_KEYS)
        type_ = spec.get("type")
        ref = v.typeref(f"{ekey}.type", type_) if type_ is not None else None
        versions = v.str_list(ekey, spec, "versions")
        for version in versions:
            if not re.fullmatch(_IDENT, version):
                v.error(f"{ekey}.versions", f"{version!r} is not a Python identifier")
        kind = v.choice(ekey, spec, "kind", [k.value for k in ExportKind])
        optional = v.boolean(ekey, spec, "optional")
        exports.append(
            Export(
                name,
                type=ref,
                versions=tuple(versions),
                kind=ExportKind(kind) if kind else None,
                optional=bool(optional),
            )
        )
    return tuple(exports)


def _lifecycle(
    v: _Validator,
    key: str,
    raw: object,
    exports: tuple[Export, ...],
    ep_object: Export | None,
) -> Lifecycle | None:
    if raw is None:
        return None
    key = f"{key}.lifecycle"
    if not isinstance(raw, dict):
        v.error(key, "must be a table")
        return None
    v.unknown_keys(key, raw, _LIFECYCLE_KEYS)
    protocol = raw.get("protocol")
    ref = v.typeref(f"{key}.protocol", protocol) if protocol is not None else None
    factory = v.string(key, raw, "factory")
    if factory == ENTRY_POINT_OBJECT and ep_object is None:
        v.error(f"{key}.factory", '"entry-point" needs the contract\'s `entry-point-object`')
    elif factory not in {None, ENTRY_POINT_OBJECT, *(e.name for e in exports)}:
        v.error(
            f"{key}.factory",
            f'{factory!r} is not one of the contract\'s exports (or "{ENTRY_POINT_OBJECT}")',
        )
    config = raw.get("config", {})
    if not isinstance(config, dict):
        v.error(f"{key}.config", "must be a table")
        config = {}
    invalid = raw.get("invalid-config")
    if invalid is not None and not isinstance(invalid, dict):
        v.error(f"{key}.invalid-config", "must be a table")
        invalid = None
    register = v.string(key, raw, "register")
    if register is not None and register not in {e.name for e in exports}:
        v.error(f"{key}.register", f"{register!r} is not one of the contract's exports")
    registry = raw.get("registry")
    registry_ref = v.typeref(f"{key}.registry", registry) if registry is not None else None
    if (register is None) != (registry is None):
        v.error(key, '"register" (the hook export) and "registry" (its argument) go together')
    memory = raw.get("memory", 1024)
    if isinstance(memory, bool) or not isinstance(memory, int) or memory < 64:
        v.error(f"{key}.memory", f"must be a whole number of MiB, at least 64, got {memory!r}")
        memory = 1024
    calls = _calls(v, key, raw)
    deadline = raw.get("deadline", 5.0)
    if isinstance(deadline, bool) or not isinstance(deadline, int | float) or deadline <= 0:
        v.error(f"{key}.deadline", f"must be a positive number of seconds, got {deadline!r}")
        deadline = 5.0
    return Lifecycle(
        protocol=ref,
        factory=factory,
        config=config,
        invalid_config=invalid,
        deadline=float(deadline),
        is_async=bool(v.boolean(key, raw, "async")),
        long_running=bool(v.boolean(key, raw, "long-running")),
        reload=bool(v.boolean(key, raw, "reload")),
        env=tuple(v.str_list(key, raw, "env")),
        memory=memory,
        register=register,
        registry=registry_ref,
        calls=calls,
    )


def _calls(v: _Validator, key: str, raw: Mapping[str, object]) -> tuple[HostCall, ...] | None:
    """``calls = [{ method = "extendMarkdown", stand-ins = ["md_standin:markdown"] }]``."""
    value = raw.get("calls")
    if value is None:
        return None
    key = f"{key}.calls"
    if not isinstance(value, list):
        v.error(key, 'must be a list of tables { method = "name", stand-ins = [...] }')
        return None
    for other in _NOT_WITH_CALLS:
        if other in raw:
            v.error(
                f"{key}",
                f"and `{other}` exclude each other: `{other}` is about init/run/"
                "shutdown, which a host with its own calls never makes",
            )
    if raw.get("factory") is None:
        v.error(key, "needs `factory`: the calls are made on the object it returns")
    calls = []
    for number, item in enumerate(value):
        ckey = f"{key}[{number}]"
        if not isinstance(item, dict):
            v.error(ckey, 'must be a table { method = "name", stand-ins = [...] }')
            continue
        v.unknown_keys(ckey, item, _CALL_KEYS)
        method = item.get("method")
        if not isinstance(method, str) or not re.fullmatch(_IDENT, method):
            v.error(f"{ckey}.method", f"must be a method name, got {method!r}")
            continue
        refs = [v.typeref(f"{ckey}.stand-ins", r) for r in v.str_list(ckey, item, "stand-ins")]
        stand_ins = tuple(r for r in refs if r is not None)
        keywords = []
        raw_keywords = item.get("keyword-stand-ins", {})
        if not isinstance(raw_keywords, dict):
            v.error(f"{ckey}.keyword-stand-ins", 'must be a table: name = "module:callable"')
            raw_keywords = {}
        for name, raw_ref in raw_keywords.items():
            kref = v.typeref(f"{ckey}.keyword-stand-ins.{name}", raw_ref)
            if not re.fullmatch(_IDENT, name):
                v.error(f"{ckey}.keyword-stand-ins.{name}", "is not a Python identifier")
            elif kref is not None:
                keywords.append((name, kref))
        returns = v.choice(ckey, item, "returns", list(_CALL_RETURNS)) or "any"
        typed = returns in ("instance", "subclass")
        raw_type = item.get("return-type")
        if typed != (raw_type is not None):
            v.error(
                ckey, '`return-type` ("module:Class") goes with returns = "instance" or "subclass"'
            )
        return_type = v.typeref(f"{ckey}.return-type", raw_type) if raw_type is not None else None
        required = v.str_list(ckey, item, "required-keys")
        if required and returns not in ("mapping", "mapping-or-none"):
            v.error(ckey, '`required-keys` goes with returns = "mapping" or "mapping-or-none"')
        calls.append(
            HostCall(method, stand_ins, tuple(keywords), returns, tuple(required), return_type)
        )
    return tuple(calls)


class _Validator:
    """Collects one line per problem, each naming the file and the dotted key."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.contract_base = path.parent
        self.problems = problems

    def error(self, key: str, message: str) -> None:
        self.problems.append(f"{self.path}: {key}: {message}")

    def unknown_keys(self, key: str, table: Mapping[str, object], known: set[str]) -> None:
        for name in table:
            if name not in known:
                hint = ", ".join(sorted(known))
                self.error(f"{key}.{name}", f"unknown key (expected one of: {hint})")

    def foreign_keys(
        self,
        key: str,
        table: Mapping[str, object],
        own: Mapping[str, Field],
        kind: str,
        kinds: Mapping[str, KindSchema],
    ) -> None:
        """A key ``kind`` does not own: name the kinds that own it, or list the keys it has."""
        for name in table:
            if name in own:
                continue
            owners = [k for k, schema in kinds.items() if name in schema.fields]
            if owners:
                them = ", ".join(repr(o) for o in owners)
                which = "kind" if len(owners) == 1 else "kinds"
                self.error(f"{key}.{name}", f"belongs to {which} {them}, not to kind = {kind!r}")
            else:
                hint = ", ".join(sorted(own))
                self.error(f"{key}.{name}", f"unknown key (expected one of: {hint})")

    def _typed(self, key: str, table: Mapping[str, object], name: str, typ: type) -> object:
        value = table.get(name)
        if value is not None and (
            not isinstance(value, typ) or isinstance(value, bool) is not (typ is bool)
        ):
            self.error(f"{key}.{name}", f"must be a {typ.__name__}, got {value!r}")
            return None
        return value

    def string(self, key: str, table: Mapping[str, object], name: str) -> str | None:
        value = self._typed(key, table, name, str)
        return value if isinstance(value, str) else None

    def boolean(self, key: str, table: Mapping[str, object], name: str) -> bool | None:
        value = self._typed(key, table, name, bool)
        return value if isinstance(value, bool) else None

    def str_list(self, key: str, table: Mapping[str, object], name: str) -> list[str]:
        value = table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            self.error(f"{key}.{name}", f"must be a list of strings, got {value!r}")
            return []
        return list(value)

    def choice(
        self,
        key: str,
        table: Mapping[str, object],
        name: str,
        allowed: list[str],
        *,
        required: bool = False,
    ) -> str | None:
        value = table.get(name)
        if value is None:
            if required:
                self.error(f"{key}.{name}", f"is required (one of: {', '.join(allowed)})")
            return None
        if value not in allowed:
            self.error(f"{key}.{name}", f"{value!r} is not one of: {', '.join(allowed)}")
            return None
        return str(value)

    def typeref(self, key: str, value: object) -> TypeRef | None:
        if not isinstance(value, str):
            self.error(key, f'must be a type reference "module:name", got {value!r}')
            return None
        match = _TYPEREF.match(value.strip())
        if not match:
            self.error(key, f'{value!r} is not a type reference of the form "module:name"')
            return None
        return TypeRef(match.group(1), match.group(2))
