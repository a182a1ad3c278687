"""Parsing one ``[tool.plugcheck.contracts.NAME]`` table into a ``Contract``: its kind's keys,
exports, entry-point object, lifecycle and host calls, one line per problem (``Validator``)."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from pathlib import Path

from plugcheck.config.fields import (
    _DOTTED,
    _IDENT,
    _TYPEREF,
    CALL_RETURNS,
    CALL_SCHEMA,
    COMMON_FIELDS,
    ENTRY_POINT_NAME,
    EXPORT_SCHEMA,
    LIFECYCLE_SCHEMA,
    Field,
    KindSchema,
    stand_in_ref,
)
from plugcheck.model import (
    ENTRY_POINT_OBJECT,
    INLINE,
    Contract,
    Export,
    ExportKind,
    HostCall,
    Lifecycle,
    TypeRef,
)

_EXPORT_KEYS = set(EXPORT_SCHEMA["properties"])
_LIFECYCLE_KEYS = set(LIFECYCLE_SCHEMA["properties"])
_CALL_KEYS = set(CALL_SCHEMA["properties"])
_CALL_RETURNS = CALL_RETURNS
_NOT_WITH_CALLS = ("config", "config-complete", "invalid-config", "long-running", "async")
"""Lifecycle keys about init/run/shutdown, which a host with its own ``calls`` never makes."""


def parse_contract(
    v: Validator,
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
        first, *others = (needed,) if isinstance(needed, str) else needed
        if not any(k in raw for k in (first, *others)):
            alternatives = f" (or {', '.join(others)})" if others else ""
            v.error(f"{key}.{first}", f"is required for kind = {kind!r}{alternatives}")
    api = v.string(key, raw, "api")
    if api is not None and not _DOTTED.match(api):
        v.error(f"{key}.api", f"{api!r} is not an importable module name")
    dist = v.string(key, raw, "api-distribution")
    group = v.string(key, raw, "entry-point-group")
    pattern = v.string(key, raw, "entry-point-group-pattern")
    if group is not None and pattern is not None:
        v.error(
            f"{key}.entry-point-group-pattern",
            "set either `entry-point-group` or `entry-point-group-pattern`, not both",
        )
    elif pattern == "":
        v.error(f"{key}.entry-point-group-pattern", "is empty: it would match no group")
    group = group if group is not None else pattern
    paths = v.str_list(key, raw, "paths")
    asked = "entry-point-group" in raw or "entry-point-group-pattern" in raw
    scanned = "module-name-pattern" in raw
    if not paths and not group and "paths" not in raw and not asked and not scanned:
        v.error(key, "no discovery: set `paths`, `entry-point-group` or `module-name-pattern`")
    elif raw.get("paths") == [] and not group and not scanned:
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
        group_pattern=pattern is not None and group == pattern,
    )


_EP_OBJECT_KEYS = {"type", "kind", "signature"}


def _entry_point_object(v: Validator, key: str, raw: object, group: str | None) -> Export | None:
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
    if "signature" in raw:
        ref = _signature(v, key, raw)
        return Export(ENTRY_POINT_OBJECT, type=ref, kind=ExportKind.CALLABLE) if ref else None
    if "type" not in raw:
        v.error(f"{key}.type", 'is required (a type reference "module:name", or a signature)')
        return None
    ref = v.typeref(f"{key}.type", raw["type"])
    kind = v.choice(key, raw, "kind", [k.value for k in ExportKind])
    return Export(ENTRY_POINT_OBJECT, type=ref, kind=ExportKind(kind) if kind else None)


def _signature(v: Validator, key: str, raw: dict[str, object]) -> TypeRef | None:
    """``{ signature = "Callable[[str, str, object], str]" }``: the annotation the host gives
    the place it keeps the loaded object in (isort's ``formatting_function``), or a member of
    the Protocol it types its plugins with (mdformat's ``update_mdit``), for a type with no name
    of its own. Builtins, ``typing``'s names and dotted ``module.Name`` may appear."""
    text = raw["signature"]
    if "type" in raw or "kind" in raw:
        v.error(f"{key}.signature", "is instead of `type` and `kind`: set one of them")
        return None
    if not isinstance(text, str) or not re.match(r"\s*Callable\s*\[", text):
        v.error(
            f"{key}.signature",
            f'must be a Callable annotation such as "Callable[[str], int]", got {text!r}',
        )
        return None
    try:
        ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        v.error(f"{key}.signature", f"{text!r} is not a Python annotation: {exc.msg}")
        return None
    return TypeRef(INLINE, text.strip())


def _exports(v: Validator, key: str, raw: object) -> tuple[Export, ...]:
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
        if "signature" in spec:
            ref = _signature(v, ekey, spec)
            spec = {**spec, "kind": ExportKind.CALLABLE.value}
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
    v: Validator,
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
    factories = bool(v.boolean(key, raw, "registered-factories"))
    if factories and registry is None:
        v.error(f"{key}.registered-factories", 'needs "register" and "registry"')
    memory = raw.get("memory", 1024)
    if isinstance(memory, bool) or not isinstance(memory, int) or memory < 64:
        v.error(f"{key}.memory", f"must be a whole number of MiB, at least 64, got {memory!r}")
        memory = 1024
    calls = _calls(v, key, raw)
    build = _build(v, key, raw)
    deadline = raw.get("deadline", 5.0)
    if isinstance(deadline, bool) or not isinstance(deadline, int | float) or deadline <= 0:
        v.error(f"{key}.deadline", f"must be a positive number of seconds, got {deadline!r}")
        deadline = 5.0
    return Lifecycle(
        protocol=ref,
        factory=factory,
        config=config,
        config_complete=bool(v.boolean(key, raw, "config-complete")),
        invalid_config=invalid,
        deadline=float(deadline),
        is_async=bool(v.boolean(key, raw, "async")),
        long_running=bool(v.boolean(key, raw, "long-running")),
        reload=bool(v.boolean(key, raw, "reload")),
        env=tuple(v.str_list(key, raw, "env")),
        memory=memory,
        register=register,
        registry=registry_ref,
        registered_factories=factories,
        calls=calls,
        build=build,
    )


def _calls(v: Validator, key: str, raw: Mapping[str, object]) -> tuple[HostCall, ...] | None:
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
        stand_ins, keywords = _stand_ins(v, ckey, item, "stand-ins", "keyword-stand-ins")
        returns = v.choice(ckey, item, "returns", list(_CALL_RETURNS)) or "any"
        typed = returns in ("instance", "subclass")
        raw_type = item.get("return-type")
        if typed != (raw_type is not None) and returns != "iterable":
            v.error(
                ckey,
                '`return-type` ("module:Class") goes with returns = "instance" or "subclass" '
                '(or "iterable": each item\'s class)',
            )
        return_type = v.typeref(f"{ckey}.return-type", raw_type) if raw_type is not None else None
        required = v.str_list(ckey, item, "required-keys")
        if required and returns not in ("mapping", "mapping-or-none"):
            v.error(ckey, '`required-keys` goes with returns = "mapping" or "mapping-or-none"')
        calls.append(
            HostCall(method, stand_ins, tuple(keywords), returns, tuple(required), return_type)
        )
    return tuple(calls)


def _stand_ins(
    v: Validator, key: str, raw: Mapping[str, object], positional: str, keyworded: str
) -> tuple[tuple[TypeRef, ...], list[tuple[str, TypeRef]]]:
    """``stand-ins = ["module:callable", { value = 80 }]`` and ``keyword-stand-ins = { name =
    "module:callable", style = { value = "plain" } }``: what the host passes, per argument."""
    items = raw.get(positional, [])
    if not isinstance(items, list):
        v.error(f"{key}.{positional}", 'must be a list of "module:callable" or { value = ... }')
        items = []
    refs = [v.stand_in(f"{key}.{positional}", r) for r in items]
    keywords = []
    raw_keywords = raw.get(keyworded, {})
    if not isinstance(raw_keywords, dict):
        v.error(f"{key}.{keyworded}", 'must be a table: name = "module:callable"')
        raw_keywords = {}
    for name, raw_ref in raw_keywords.items():
        kref = v.stand_in(f"{key}.{keyworded}.{name}", raw_ref)
        if not re.fullmatch(_IDENT, name):
            v.error(f"{key}.{keyworded}.{name}", "is not a Python identifier")
        elif kref is not None:
            keywords.append((name, kref))
    return tuple(r for r in refs if r is not None), keywords


def _build(v: Validator, key: str, raw: Mapping[str, object]) -> HostCall | None:
    """``factory-stand-ins``/``factory-keyword-stand-ins``: what the host passes the factory."""
    if "factory-stand-ins" not in raw and "factory-keyword-stand-ins" not in raw:
        return None
    if raw.get("factory") is None:
        v.error(key, "`factory-stand-ins` needs `factory`: they are what the host passes it")
    stand_ins, keywords = _stand_ins(v, key, raw, "factory-stand-ins", "factory-keyword-stand-ins")
    return HostCall("factory", stand_ins, tuple(keywords))


class Validator:
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

    def stand_in(self, key: str, value: object) -> TypeRef | None:
        """A stand-in: ``"module:callable"`` (called for each use), ``{ value = <TOML value> }``,
        a literal the host passes (``style="plain"``), or ``{ none = true }`` (``None``), given
        fresh each time."""
        if not isinstance(value, dict):
            return self.typeref(key, value)
        ref = stand_in_ref(value)
        if ref is None:
            self.error(
                key,
                'must be "module:callable", { value = <a string, number, boolean, list or'
                f' table> }}, {{ none = true }} or {{ entry-point = "name" }}, got {value!r}',
            )
            return None
        if ref == ENTRY_POINT_NAME and ".setup-function." not in f".{key}.":
            self.error(key, '{ entry-point = "name" } is a stand-in of setup-function only')
            return None
        return TypeRef("", ref[1:])

    def typeref(self, key: str, value: object) -> TypeRef | None:
        if not isinstance(value, str):
            self.error(key, f'must be a type reference "module:name", got {value!r}')
            return None
        match = _TYPEREF.match(value.strip())
        if not match:
            self.error(key, f'{value!r} is not a type reference of the form "module:name"')
            return None
        return TypeRef(match.group(1), match.group(2))
