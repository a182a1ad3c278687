"""Read every Python file of a host (never imported, never its tests, docs or vendored code)."""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from plugcheck.scaffold.constants import loop_values, module_values
from plugcheck.scaffold.groups import (
    Known,
    call_groups,
    entry_point_group,
    forwarded_groups,
    forwarding,
    group_filters,
    subscript_groups,
)
from plugcheck.scaffold.lookups import class_picks, lookups_in, module_loaders
from plugcheck.scaffold.model import Survey
from plugcheck.scaffold.pluggy_host import read_pluggy
from plugcheck.scaffold.refs import HostRefs
from plugcheck.scaffold.syntax import (
    callable_alias,
    is_named,
)
from plugcheck.static.parse import ModuleInfo

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
    # The host's own tests, docs, examples and vendored packages are not how it loads plugins.
    "tests",
    "test",
    "testing",
    "docs",
    "doc",
    "examples",
    "example",
    "_vendor",
    "vendor",
    "vendored",
}
_MAX_FILES = 5000


def host_files(host: Path) -> Iterator[Path]:
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
            elif entry.suffix == ".py" and not _is_test(entry.name):
                count += 1
                yield entry


def _ref(refs: HostRefs, info: ModuleInfo | None, name: str) -> str | None:
    return refs.ref(info, name) if info else None


def _is_test(name: str) -> bool:
    return name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py"


def module_name(path: Path) -> tuple[str, Path]:
    """Dotted module name of ``path`` and the directory that must be on ``sys.path``."""
    parts = [] if path.name == "__init__.py" else [path.stem]
    directory = path.parent
    while (directory / "__init__.py").is_file():
        parts.insert(0, directory.name)
        directory = directory.parent
    return ".".join(parts) or path.stem, directory


def survey(host: Path) -> Survey:
    """Read every Python file under ``host`` (skipping virtualenvs and build output)."""
    result = Survey(host=host)
    parsed: list[tuple[Path, str, ast.Module]] = []
    for path in host_files(host):
        try:
            tree = ast.parse(path.read_bytes(), filename=str(path))
        except (SyntaxError, ValueError, OSError):
            continue
        module, root = module_name(path)
        result.roots.setdefault(module.partition(".")[0], root)
        parsed.append((path, module, tree))
    refs = HostRefs(
        [(path, module) for path, module, _ in parsed], sorted(set(result.roots.values()))
    )
    result.pluggy = read_pluggy(refs, host)
    # ``from . import NAME`` / ``from pkg.consts import GROUP``: constants of other modules,
    # followed through re-exports (tox: marker.NAME -> tox.plugin.NAME -> manager) and folded
    # (sqlfluff: ``plugin_base_name = f"{project_name}-plugin"``).
    known = _known_values(parsed)
    forwards = forwarding([tree for _, _, tree in parsed])
    loaders = frozenset(module_loaders([tree for _, _, tree in parsed]))
    for path, module, tree in parsed:
        where = f"{path.relative_to(host).as_posix()}"
        constants, lists = known[module]
        scope = Known(constants, lists, loop_values(tree, constants, lists))
        for statement in tree.body:
            _definition(result, module, statement)
        methods = {
            id(fn): f"{module}:{cls.name}"
            for cls in tree.body
            if isinstance(cls, ast.ClassDef)
            for fn in cls.body
        }
        info = refs.info(path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for group in call_groups(node, scope):
                    result.groups.setdefault(group, f"{where}:{node.lineno}")
                    if is_named(node.func, "load_setuptools_entrypoints"):
                        result.pluggy_groups.append(group)
                config = init_config(node) if result.config is None else None
                if config:
                    result.config = (config, f"{where}:{node.lineno}")
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                result.lookups.extend(
                    lookups_in(
                        node,
                        where,
                        tree,
                        methods.get(id(node)),
                        functools.partial(_ref, refs, info),
                        loaders,
                        functools.partial(entry_point_group, constants=constants),
                    )
                )
                result.classes.extend(
                    class_picks(
                        node, where, tree, functools.partial(_ref, refs, info), constants, loaders
                    )
                )
        for group, line in (
            *forwarded_groups(tree, forwards, scope),
            *group_filters(tree, scope),
            *subscript_groups(tree, scope),
        ):
            result.groups.setdefault(group, f"{where}:{line}")
    return result


_V = TypeVar("_V")
_Values = tuple[dict[str, str], dict[str, list[str]]]


def _known_values(parsed: list[tuple[Path, str, ast.Module]]) -> dict[str, _Values]:
    """Each module's constants (strings and collections of strings): its own, and what it
    imports from the host's other modules (``NAME``, or ``alias.NAME`` for a module)."""
    known: dict[str, _Values] = {module: ({}, {}) for _, module, _ in parsed}
    for _ in range(6):
        changed = False
        for path, module, tree in parsed:
            strings, lists = _imported(module, path, tree, known)
            strings.update(known[module][0])
            lists.update(known[module][1])
            own = module_values(tree, strings, lists)
            new = ({**strings, **own[0]}, {**lists, **own[1]})
            if new != known[module]:
                known[module], changed = new, True
        if not changed:
            break
    return known


def _imported(module: str, path: Path, tree: ast.Module, known: dict[str, _Values]) -> _Values:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    strings: dict[str, str] = {}
    lists: dict[str, list[str]] = {}

    def take(prefix: str, source: str, name: str | None) -> None:
        values = known.get(source)
        if values is not None:
            strings.update(_picked(values[0], prefix, name))
            lists.update(_picked(values[1], prefix, name))

    for node in tree.body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    take(alias.asname, alias.name, None)
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(max(node.level - 1, 0)):
                base = base.rpartition(".")[0]
            source = (
                ".".join(p for p in (base, node.module) if p) if node.level else (node.module or "")
            )
            for alias in node.names:
                take(alias.asname or alias.name, source, alias.name)
                take(alias.asname or alias.name, f"{source}.{alias.name}", None)  # a module
    return strings, lists


def _picked(values: dict[str, _V], prefix: str, name: str | None) -> dict[str, _V]:
    """``from m import NAME`` (``name``) binds one value; a module alias binds ``alias.KEY``."""
    if name is None:
        return {f"{prefix}.{k}": v for k, v in values.items() if "." not in k}
    return {prefix: values[name]} if name in values else {}


def _definition(result: Survey, module: str, node: ast.stmt) -> None:
    if isinstance(node, ast.ClassDef):
        bases = node.bases
        result.methods[module, node.name] = {
            f.name for f in node.body if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        if any(is_named(b, "Protocol") for b in bases):
            result.protocols.append((module, node.name))
        elif any(is_named(b, "ABC") for b in bases) or any(
            k.arg == "metaclass" and is_named(k.value, "ABCMeta") for k in node.keywords
        ):
            result.abcs.append((module, node.name))
    elif isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        if isinstance(target, ast.Name) and (
            alias := callable_alias(module, target.id, node.value)
        ):
            result.aliases.append(alias)
    elif (
        isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.value is not None
        and (alias := callable_alias(module, node.target.id, node.value))
    ):
        result.aliases.append(alias)


def init_config(call: ast.Call) -> dict[str, str] | None:
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
