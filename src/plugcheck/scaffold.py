"""``plugcheck init``: read a host's code and API package, propose a starter contract.

Nothing is imported: the host's sources are parsed with ``ast``. What is looked for:

- in the API package: ``Protocol`` classes, ABCs, and ``Callable[...]`` type aliases;
- in host code: ``entry_points(group=...)`` calls (also ``.select(group=...)`` and
  ``entry_points()["group"]``), with the group resolved through module-level constants;
- how the host uses a plugin module: ``getattr(module, "name")`` (a loop over
  ``("register_v2", "register_v1")`` gives a versioned export) and ``module.name(...)`` calls on
  modules bound by ``import_module``/``ep.load()`` or by iterating a ``ModuleType`` iterator;
  the number of arguments a call passes picks the matching ``Callable`` alias.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from plugcheck.config import parse_toml
from plugcheck.discovery import read_project

_SKIP_DIRS = {
    ".git",
    ".hg",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "build",
    "dist",
    "node_modules",
    "__pycache__",
    "site-packages",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
}
_MAX_FILES = 5000
_LOADERS = {"import_module", "load", "__import__"}
_LIFECYCLE = {"init", "start", "run", "shutdown", "stop", "close"}


@dataclass(frozen=True, slots=True)
class Alias:
    """``Name = Callable[[A, B], R]`` in the API."""

    module: str
    name: str
    params: tuple[str, ...]
    returns: str


@dataclass(slots=True)
class Lookup:
    """A name the host looks up on a plugin module, and how it calls it."""

    names: list[str]
    where: str
    optional: bool = False
    args: list[str] | None = None
    """Argument spellings at the call (names, or ``?``), when the host calls it."""


@dataclass(slots=True)
class Survey:
    host: Path
    protocols: list[tuple[str, str]] = field(default_factory=list)
    abcs: list[tuple[str, str]] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    groups: dict[str, str] = field(default_factory=dict)
    """entry-point group -> where the host asks for it."""
    lookups: list[Lookup] = field(default_factory=list)
    roots: dict[str, Path] = field(default_factory=dict)
    """top-level package -> its import root."""
    methods: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    """(module, class) -> the methods a protocol or ABC declares."""
    pluggy_projects: list[str] = field(default_factory=list)
    """Names given to pluggy's ``PluginManager``/``HookspecMarker``."""
    hookspecs: list[str] = field(default_factory=list)
    """Modules whose functions are marked with a ``HookspecMarker``."""
    pluggy_groups: list[str] = field(default_factory=list)
    """Groups given to pluggy's ``load_setuptools_entrypoints``."""
    config: tuple[dict[str, str], str] | None = None
    """The first literal configuration the host passes to ``init`` (with where)."""


def _files(host: Path) -> Iterator[Path]:
    count = 0
    stack = [host]
    while stack and count < _MAX_FILES:
        directory = stack.pop()
        try:
            entries = sorted(directory.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir():
                if entry.name not in _SKIP_DIRS and not entry.name.endswith(".egg-info"):
                    stack.append(entry)
            elif entry.suffix == ".py":
                count += 1
                yield entry


def _module_name(path: Path) -> tuple[str, Path]:
    """Dotted module name of ``path`` and the directory that must be on ``sys.path``."""
    parts = [] if path.name == "__init__.py" else [path.stem]
    directory = path.parent
    while (directory / "__init__.py").is_file():
        parts.insert(0, directory.name)
        directory = directory.parent
    return ".".join(parts) or path.stem, directory


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Subscript):
        return _dotted(node.value)
    return ""


def _is(node: ast.expr, name: str) -> bool:
    dotted = _dotted(node)
    return dotted == name or dotted.endswith("." + name)


def _callable_alias(module: str, name: str, value: ast.expr) -> Alias | None:
    if not (isinstance(value, ast.Subscript) and _is(value.value, "Callable")):
        return None
    sub = value.slice
    if not (isinstance(sub, ast.Tuple) and len(sub.elts) == 2):
        return None
    params_node, returns = sub.elts
    if isinstance(params_node, ast.List):
        params = tuple(ast.unparse(p) for p in params_node.elts)
    else:  # Callable[..., R]
        params = ("...",)
    return Alias(module, name, params, ast.unparse(returns))


def survey(host: Path) -> Survey:
    """Read every Python file under ``host`` (skipping virtualenvs and build output)."""
    result = Survey(host=host)
    parsed: list[tuple[Path, str, ast.Module]] = []
    for path in _files(host):
        try:
            tree = ast.parse(path.read_bytes(), filename=str(path))
        except (SyntaxError, ValueError, OSError):
            continue
        module, root = _module_name(path)
        result.roots.setdefault(module.partition(".")[0], root)
        parsed.append((path, module, tree))
    # ``from . import NAME`` / ``from pkg.consts import GROUP``: constants of other modules,
    # followed through re-exports (tox: marker.NAME -> tox.plugin.NAME -> manager).
    known = {module: _constants(tree) for _, module, tree in parsed}
    for _ in range(4):
        before = sum(map(len, known.values()))
        for path, module, tree in parsed:
            known[module] = {**_imported_constants(module, path, tree, known), **known[module]}
        if sum(map(len, known.values())) == before:
            break
    for path, module, tree in parsed:
        where = f"{path.relative_to(host).as_posix()}"
        constants = known[module]
        for statement in tree.body:
            _definition(result, module, statement)
        _pluggy(result, module, tree, constants)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                group = _group(node, constants)
                if group is not None:
                    result.groups.setdefault(group, f"{where}:{node.lineno}")
                    if _is(node.func, "load_setuptools_entrypoints"):
                        result.pluggy_groups.append(group)
                config = _init_config(node) if result.config is None else None
                if config:
                    result.config = (config, f"{where}:{node.lineno}")
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                result.lookups.extend(_lookups(node, where, tree))
        for group, line in (*_forwarded_groups(tree, constants), *_group_filters(tree, constants)):
            result.groups.setdefault(group, f"{where}:{line}")
    return result


def _imported_constants(
    module: str, path: Path, tree: ast.Module, own: dict[str, dict[str, str]]
) -> dict[str, str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.ImportFrom):
            continue
        base = package
        for _ in range(max(node.level - 1, 0)):
            base = base.rpartition(".")[0]
        source = (
            ".".join(p for p in (base, node.module) if p) if node.level else (node.module or "")
        )
        for alias in node.names:
            value = own.get(source, {}).get(alias.name)
            if value is None:  # ``from pkg import submodule_constant`` is rare; skip it
                continue
            found[alias.asname or alias.name] = value
    return found


def _forwarded_groups(tree: ast.Module, constants: dict[str, str]) -> Iterator[tuple[str, int]]:
    """``def iter_entry_points(group_name): ...select(group=group_name)`` called with constants."""
    forwarding: dict[str, int] = {}
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
        for node in ast.walk(fn):
            if isinstance(node, ast.Call) and _group(node, constants) is None:
                value = _group_argument(node)
                if isinstance(value, ast.Name) and value.id in params:
                    forwarding[fn.name] = params.index(value.id)
    if not forwarding:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            index = forwarding.get(node.func.id)
            if index is not None and index < len(node.args):
                group = _string(node.args[index], constants)
                if group is not None:
                    yield group, node.lineno


def _group_filters(tree: ast.Module, constants: dict[str, str]) -> Iterator[tuple[str, int]]:
    """``ep.group == "x"`` and ``ep.group in GROUPS`` (GROUPS a module-level set of strings)."""
    collections = _string_collections(tree)
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Compare)
            and isinstance(node.left, ast.Attribute)
            and node.left.attr == "group"
            and len(node.ops) == 1
            and isinstance(node.ops[0], ast.Eq | ast.In)
        ):
            continue
        right = node.comparators[0]
        if isinstance(node.ops[0], ast.Eq):
            group = _string(right, constants)
            values = [group] if group else []
        elif isinstance(right, ast.Name):
            values = collections.get(right.id, [])
        else:
            values = _collection(right)
        for value in values:
            yield value, node.lineno


def _collection(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Call) and len(node.args) == 1:  # frozenset((...)), set([...])
        node = node.args[0]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
        if values and all(isinstance(v, str) for v in values):
            return [str(v) for v in values]
    return []


def _string_collections(tree: ast.Module) -> dict[str, list[str]]:
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            values = _collection(node.value)
            for target in targets:
                if values and isinstance(target, ast.Name):
                    found[target.id] = values
    return found


def _definition(result: Survey, module: str, node: ast.stmt) -> None:
    if isinstance(node, ast.ClassDef):
        bases = node.bases
        result.methods[module, node.name] = {
            f.name for f in node.body if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        if any(_is(b, "Protocol") for b in bases):
            result.protocols.append((module, node.name))
        elif any(_is(b, "ABC") for b in bases) or any(
            k.arg == "metaclass" and _is(k.value, "ABCMeta") for k in node.keywords
        ):
            result.abcs.append((module, node.name))
    elif isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        if isinstance(target, ast.Name) and (
            alias := _callable_alias(module, target.id, node.value)
        ):
            result.aliases.append(alias)
    elif (
        isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.value is not None
        and (alias := _callable_alias(module, node.target.id, node.value))
    ):
        result.aliases.append(alias)


def _pluggy(result: Survey, module: str, tree: ast.Module, constants: dict[str, str]) -> None:
    """pluggy hosts: the project name, and the modules that declare hookspecs."""
    markers: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (
            _is(node.func, "PluginManager") or _is(node.func, "HookspecMarker")
        ):
            project = _string(node.args[0], constants) if node.args else None
            if project and project not in result.pluggy_projects:
                result.pluggy_projects.append(project)
    for node in tree.body:
        if (
            isinstance(node, ast.Assign | ast.AnnAssign)
            and isinstance(node.value, ast.Call)
            and _is(node.value.func, "HookspecMarker")
        ):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            markers.update(t.id for t in targets if isinstance(t, ast.Name))
    if not markers:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
            _dotted(d.func if isinstance(d, ast.Call) else d) in markers
            for d in node.decorator_list
        ):
            if module not in result.hookspecs:
                result.hookspecs.append(module)
            return


def _constants(tree: ast.Module) -> dict[str, str]:
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            value = node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                for target in targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = value.value
    return found


def _string(node: ast.expr | None, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def _group(call: ast.Call, constants: dict[str, str]) -> str | None:
    """The group of ``entry_points(group=G)``, ``eps.select(group=G)``, ``entry_points()[G]``."""
    func = call.func
    if _is(func, "load_setuptools_entrypoints"):  # pluggy's PluginManager
        if call.args:
            return _string(call.args[0], constants)
        return next((_string(k.value, constants) for k in call.keywords if k.arg == "group"), None)
    value = _group_argument(call)
    if value is not None:
        return _string(value, constants)
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "get"
        and isinstance(func.value, ast.Call)
        and _is(func.value.func, "entry_points")
        and call.args
    ):
        return _string(call.args[0], constants)
    return None


def _group_argument(call: ast.Call) -> ast.expr | None:
    """The ``group=`` argument of ``entry_points(...)`` or ``eps.select(...)``."""
    func = call.func
    if _is(func, "entry_points") or (isinstance(func, ast.Attribute) and func.attr == "select"):
        return next((k.value for k in call.keywords if k.arg == "group"), None)
    return None


def _module_vars(fn: ast.FunctionDef | ast.AsyncFunctionDef, tree: ast.Module) -> set[str]:
    """Names in ``fn`` bound to a plugin module (``import_module``, ``ep.load()``, iteration)."""
    iterators = {
        f.name
        for f in tree.body
        if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
        and f.returns is not None
        and "ModuleType" in ast.unparse(f.returns)
    }
    names: set[str] = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = node.value.func
            if _dotted(func).rpartition(".")[2] in _LOADERS:
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.For | ast.AsyncFor) and isinstance(node.target, ast.Name):
            source = node.iter
            if isinstance(source, ast.Call) and _dotted(source.func) in iterators:
                names.add(node.target.id)
    return names


def _loop_strings(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, list[str]]:
    """``for name in ("a", "b")`` loops: the variable and its string values."""
    loops: dict[str, list[str]] = {}
    for node in ast.walk(fn):
        if (
            isinstance(node, ast.For)
            and isinstance(node.target, ast.Name)
            and isinstance(node.iter, ast.Tuple | ast.List)
        ):
            values = [e.value for e in node.iter.elts if isinstance(e, ast.Constant)]
            if values and all(isinstance(v, str) for v in values):
                loops[node.target.id] = [str(v) for v in values]
    return loops


def _args(call: ast.Call) -> list[str]:
    return [a.id if isinstance(a, ast.Name) else "?" for a in call.args]


def _lookups(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, where: str, tree: ast.Module
) -> Iterator[Lookup]:
    modules = _module_vars(fn, tree)
    if not modules:
        return
    loops = _loop_strings(fn)
    bound: dict[str, Lookup] = {}
    for node in ast.walk(fn):
        if isinstance(node, ast.Call) and _is(node.func, "getattr") and len(node.args) >= 2:
            target, name = node.args[0], node.args[1]
            if not (isinstance(target, ast.Name) and target.id in modules):
                continue
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                names = [name.value]
            elif isinstance(name, ast.Name) and name.id in loops:
                names = loops[name.id]
            else:
                continue
            lookup = Lookup(names, f"{where}:{node.lineno}", optional=len(node.args) > 2)
            bound[f"{node.lineno}:{node.col_offset}"] = lookup
            yield lookup
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in modules
        ):
            yield Lookup([node.func.attr], f"{where}:{node.lineno}", args=_args(node))
    # ``hook = getattr(module, name, None)`` then ``hook(registry)``: the call's arguments.
    assigned: dict[str, Lookup] = {}
    for node in ast.walk(fn):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and f"{node.value.lineno}:{node.value.col_offset}" in bound
        ):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    assigned[target.id] = bound[f"{node.value.lineno}:{node.value.col_offset}"]
    for node in ast.walk(fn):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            hook = assigned.get(node.func.id)
            if hook is not None and hook.args is None:
                hook.args = _args(node)


# --- the proposal ----------------------------------------------------------------------------


def _api_package(found: Survey) -> str | None:
    """The top-level package that defines most of the protocols, ABCs and Callable aliases."""
    score: dict[str, int] = {}
    for module, _ in (*found.protocols, *found.abcs):
        score[module.partition(".")[0]] = score.get(module.partition(".")[0], 0) + 1
    for alias in found.aliases:
        top = alias.module.partition(".")[0]
        score[top] = score.get(top, 0) + 1
    return max(sorted(score), key=lambda k: score[k]) if score else None


def _distribution(found: Survey, root: Path) -> str | None:
    for directory in (root, *root.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and directory != found.host:
            project, _ = read_project(candidate)
            return project.name if project else None
        if directory == found.host:
            break
    return None


def _match(lookup: Lookup, aliases: list[Alias]) -> Alias | None:
    """The Callable alias a host call fits: same arity, then argument names vs param types."""
    if lookup.args is None:
        return None
    fits = [a for a in aliases if a.params == ("...",) or len(a.params) == len(lookup.args)]
    if len(fits) > 1:
        named = [
            a
            for a in fits
            if all(
                arg == "?" or arg.lower() == p.rpartition(".")[2].lower()
                for arg, p in zip(lookup.args, a.params, strict=False)
            )
        ]
        fits = named or fits
    exact = [a for a in fits if a.params != ("...",)]
    fits = exact or fits
    return fits[0] if len(fits) == 1 else None


def _key(text: str) -> str:
    key = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")
    return key or "plugins"


def _init_config(call: ast.Call) -> dict[str, str] | None:
    """``plugin.init({"greeting": "hello"})``: the literal string mapping the host passes."""
    func, args = call.func, call.args
    if not (isinstance(func, ast.Attribute) and func.attr == "init" and len(args) == 1):
        return None
    if not isinstance(args[0], ast.Dict):
        return None
    config: dict[str, str] = {}
    for key, value in zip(args[0].keys, args[0].values, strict=True):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            return None
        if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
            return None
        config[key.value] = value.value
    return config


def _toml_key(text: str) -> str:
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else _toml_string(text)


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _newest_first(names: list[str]) -> list[str]:
    """Versioned names (``register_v2``) by version, newest first; others keep their order."""

    def version(name: str) -> int:
        match = re.search(r"v(\d+)$", name)
        return int(match.group(1)) if match else -1

    return sorted(names, key=version, reverse=True)


def _export_name(names: list[str]) -> str:
    common = re.sub(r"_?v\d+$", "", names[0])
    return common if all(re.sub(r"_?v\d+$", "", n) == common for n in names) else names[0]


def propose(found: Survey) -> str:
    """A starter ``[tool.plugcheck]`` contract (TOML text) for the surveyed host."""
    if found.hookspecs:
        return _propose_pluggy(found)
    host = found.host
    api = _api_package(found)
    lines = ["[tool.plugcheck]"]
    api_root = found.roots.get(api) if api else None
    for rel in _search_path(found, [api] if api else []):
        lines.append(f"search-path = [{_toml_string(rel)}]  # where the API package lives")
    lines.append("")
    groups = sorted(found.groups)
    group = groups[0] if groups else None
    name = _key(group) if group else "plugins"
    table = f"tool.plugcheck.contracts.{name}"
    aliases = [a for a in found.aliases if api and a.module.partition(".")[0] == api]
    protocols = [
        p for p in (*found.protocols, *found.abcs) if api and p[0].partition(".")[0] == api
    ]
    exports = _exports(found, aliases)
    factory = next((e for e in exports if e[1] and _returns_protocol(e[1], protocols)), None)
    kind = "factory" if factory or not exports else "register"
    if group:
        lines.append(f"# the host asks for entry points of this group at {found.groups[group]}")
    lines += [f"[{table}]", f'kind = "{kind}"']
    if api:
        lines.append(f"api = {_toml_string(api)}")
        dist = _distribution(found, api_root) if api_root else None
        if dist:
            lines.append(f"api-distribution = {_toml_string(dist)}")
    if group:
        lines.append(f"entry-point-group = {_toml_string(group)}")
    if _plugin_dir(host):
        lines.append('paths = ["plugins/*"]')
    elif not group:
        lines.append('paths = ["plugins/*"]  # TODO: where the plugins live')
    lines += ["", f"[{table}.exports]"]
    for export, alias, lookup in exports:
        type_ = f"{alias.module}:{alias.name}" if alias else None
        comment = f"  # host: {lookup.where}"
        if len(lookup.names) > 1 or lookup.optional:
            parts = []
            if len(lookup.names) > 1:
                parts.append("versions = [" + ", ".join(map(_toml_string, lookup.names)) + "]")
            if type_:
                parts.append(f"type = {_toml_string(type_)}")
            if lookup.optional:
                parts.append("optional = true")
            lines.append(f"{export} = {{ {', '.join(parts)} }}{comment}")
        elif type_:
            lines.append(f"{export} = {_toml_string(type_)}{comment}")
        else:
            lines.append(f'{export} = {{ kind = "callable" }}{comment}')
    if not exports:
        lines.append('# new = "my_api:Factory"  # TODO: each symbol a plugin must export')
    used = {a for _, a, _ in exports if a}
    for alias in aliases:
        if alias not in used:
            hint = f"{alias.name[0].lower()}{alias.name[1:]}"
            lines.append(f'# {hint} = "{alias.module}:{alias.name}"  # an unused Callable alias')
    returned = factory[1].returns.rpartition(".")[2] if factory and factory[1] else ""
    protocol = next((p for p in protocols if p[1] == returned), None)
    # A lifecycle is Init/Run/Shutdown (docs/background.md); other protocols are only named below.
    if factory and protocol and found.methods.get(protocol, set()) & _LIFECYCLE:
        lines += [
            "",
            f"[{table}.lifecycle]",
            f"protocol = {_toml_string(f'{protocol[0]}:{protocol[1]}')}",
            f"factory = {_toml_string(factory[0])}",
            _config_line(found),
            "deadline = 5.0",
        ]
    if protocols:
        found_types = ", ".join(f"{m}:{n}" for m, n in protocols)
        lines.append(f"# protocols and ABCs in the API: {found_types}")
    # Pygments reads lexers, formatters, styles and filters: a contract for each group.
    for other in groups[1:]:
        lines += [
            "",
            f"# the host also asks for entry points of this group at {found.groups[other]}",
            f"[tool.plugcheck.contracts.{_key(other)}]",
            'kind = "factory"  # TODO: "subclass" with base = "module:Class" for classes',
            f"entry-point-group = {_toml_string(other)}",
        ]
    return "\n".join(lines) + "\n"


def _config_line(found: Survey) -> str:
    if found.config is None:
        return "config = {}  # TODO: a configuration init() accepts"
    values, where = found.config
    items = ", ".join(f"{_toml_key(k)} = {_toml_string(v)}" for k, v in values.items())
    return f"config = {{ {items} }}  # host: {where}"


def _search_path(found: Survey, modules: list[str]) -> list[str]:
    paths = []
    for module in modules:
        root = found.roots.get(module.partition(".")[0])
        if root is not None and root.resolve() != found.host.resolve():
            # relpath, not relative_to: the root is the host's parent when the host directory
            # is itself a package (``plugcheck init site-packages/tox``).
            rel = Path(os.path.relpath(root.resolve(), found.host.resolve())).as_posix()
            if rel not in paths:
                paths.append(rel)
    return paths


def _propose_pluggy(found: Survey) -> str:
    """A pluggy host: hookspec modules, the project name, the setuptools entry-point group."""
    lines = ["[tool.plugcheck]"]
    paths = _search_path(found, found.hookspecs)
    if paths:
        lines.append(f"search-path = [{', '.join(map(_toml_string, paths))}]")
    lines.append("")
    # The group pluggy loads, not another the host happens to read (console_scripts).
    groups = sorted(found.groups, key=lambda g: (g not in found.pluggy_groups, g))
    group = groups[0] if groups else None
    table = f"tool.plugcheck.contracts.{_key(group) if group else 'plugins'}"
    project = found.pluggy_projects[0] if found.pluggy_projects else "TODO"
    if group:
        lines.append(
            f"# the host loads setuptools entry points of this group at {found.groups[group]}"
        )
    lines += [f"[{table}]", 'kind = "pluggy"']
    if group:
        lines.append(f"entry-point-group = {_toml_string(group)}")
    if _plugin_dir(found.host) or not group:
        lines.append('paths = ["plugins/*"]' + ("" if group else "  # TODO: where plugins live"))
    specs = ", ".join(map(_toml_string, found.hookspecs))
    lines.append(f"pluggy = {{ project = {_toml_string(project)}, hookspecs = [{specs}] }}")
    return "\n".join(lines) + "\n"


def _plugin_dir(host: Path) -> bool:
    """``plugins/`` holds plugins, unless it is a package of the host's own (flake8.plugins)."""
    return (host / "plugins").is_dir() and not (host / "plugins" / "__init__.py").is_file()


def _returns_protocol(alias: Alias, protocols: list[tuple[str, str]]) -> bool:
    return alias.returns.rpartition(".")[2] in {n for _, n in protocols}


def _exports(found: Survey, aliases: list[Alias]) -> list[tuple[str, Alias | None, Lookup]]:
    merged: dict[str, Lookup] = {}
    for lookup in found.lookups:
        name = _export_name(lookup.names)
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            continue
        known = merged.get(name)
        extra = [n for n in lookup.names if known is not None and n not in known.names]
        if known is not None and extra:
            # ``getattr(m, "register_v2", None) or getattr(m, "register_v1")``: one export whose
            # versions are every name looked up; required unless every lookup has a default.
            merged[name] = Lookup(
                _newest_first([*known.names, *extra]),
                known.where,
                optional=known.optional and lookup.optional,
                args=known.args or lookup.args,
            )
        elif known is None or len(lookup.names) > len(known.names):
            if known is not None and lookup.args is None:
                lookup.args = known.args
            merged[name] = lookup
        elif known.args is None:
            known.args = lookup.args
    return [(name, _match(lookup, aliases), lookup) for name, lookup in sorted(merged.items())]


def append_contract(pyproject: Path, contract: str) -> str:
    """The new text of ``pyproject`` with ``contract`` appended; existing text is untouched.

    Raises ``ValueError`` when the file already has ``[tool.plugcheck]`` or would stop being
    valid TOML (e.g. an inline ``tool = {...}`` table).
    """
    text = pyproject.read_text(encoding="utf-8") if pyproject.is_file() else ""
    try:
        data = parse_toml(text)
    except ValueError as exc:
        raise ValueError(f"{pyproject}: invalid TOML: {exc}") from None
    tool = data.get("tool")
    if isinstance(tool, dict) and "plugcheck" in tool:
        raise ValueError(f"{pyproject}: already has a [tool.plugcheck] table")
    # Keep one blank line between the existing text and the new tables.
    separator = "\n\n"[len(text) - len(text.rstrip("\n")) :] if text else ""
    new = f"{text}{separator}{contract}"
    try:
        parse_toml(new)
    except ValueError as exc:
        raise ValueError(f"{pyproject}: cannot append [tool.plugcheck] ({exc})") from None
    return new
