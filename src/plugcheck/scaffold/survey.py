"""Read every Python file of a host (never imported, never its tests, docs or vendored code),
parsed and resolved with the static pass's module index (:mod:`plugcheck.static.index`)."""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from plugcheck.scaffold.accepted_by import accepted_by
from plugcheck.scaffold.annotated_slots import annotated_slots
from plugcheck.scaffold.arguments import Argument, passed_selves
from plugcheck.scaffold.constants import class_attributes, loop_values
from plugcheck.scaffold.distribution_names import distribution_names, names_distributions
from plugcheck.scaffold.dotted_imports import dotted_picks, object_importers
from plugcheck.scaffold.folder_loads import folder_loads
from plugcheck.scaffold.group_patterns import group_patterns
from plugcheck.scaffold.groups import (
    Known,
    asks_cliff,
    call_groups,
    call_name,
    entry_point_group,
    fold_local_groups,
    forwarded_groups,
    forwarding,
    group_filters,
    joined_value,
    reads_data_only,
    resolves_as_loads,
    subscript_groups,
)
from plugcheck.scaffold.handed import handed_lookups
from plugcheck.scaffold.held_classes import held_classes
from plugcheck.scaffold.held_modules import held_modules
from plugcheck.scaffold.host_builtins import builtins_written
from plugcheck.scaffold.import_runs import runs_at_import
from plugcheck.scaffold.known_loads import mark_table_loads
from plugcheck.scaffold.known_values import known_values
from plugcheck.scaffold.lookups import class_picks, lookups_in, module_parameters, plugin_namespace
from plugcheck.scaffold.model import ClassPick, Lookup, Registration, Survey
from plugcheck.scaffold.module_lists import list_groups, looped_groups, module_lists
from plugcheck.scaffold.module_loads import module_loaders
from plugcheck.scaffold.module_names import module_name
from plugcheck.scaffold.name_picks import name_picks
from plugcheck.scaffold.name_scans import name_scans
from plugcheck.scaffold.namespace_walks import namespace_walks, walk_handlers
from plugcheck.scaffold.passed_objects import passed_objects
from plugcheck.scaffold.pluggy_host import argument_free, read_pluggy
from plugcheck.scaffold.refs import HostRefs
from plugcheck.scaffold.refused_defaults import require_refused
from plugcheck.scaffold.registration_methods import registrations
from plugcheck.scaffold.registries import Registry, registries, registry_lookups
from plugcheck.scaffold.session_start import session_start
from plugcheck.scaffold.star_reads import reads_all
from plugcheck.scaffold.syntax import MODULE_DUNDERS, callable_alias, dotted, is_named, unalias
from plugcheck.scaffold.typed_calls import typed_calls
from plugcheck.scaffold.typed_registries import type_registries
from plugcheck.scaffold.uses import Use, buildable, uses
from plugcheck.scaffold.value_imports import imported_by_value
from plugcheck.static.index import ModuleIndex
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import walked

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
    "Tests",
    "Test",
    "testing",
    "docs",
    "doc",
    "examples",
    "example",
    "_vendor",
    "vendor",
    "vendored",
    "_vendored",  # isort's isort/_vendored/tomli
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
            # A symlinked folder is not entered (as os.walk): before, a host tree holding a link
            # to / made init walk the machine's whole file system, /proc's cycles included, and
            # never end (red team red59).
            if entry.is_dir() and not entry.is_symlink():
                if entry.name not in _SKIP_DIRS and not entry.name.endswith(".egg-info"):
                    stack.append(entry)
            elif entry.suffix == ".py" and not _is_test(entry.name):
                count += 1
                yield entry


def _asked(function: ast.AST, scope: Known) -> frozenset[str]:
    """The groups a function asks for itself."""
    return frozenset(
        g for n in walked(function) if isinstance(n, ast.Call) for g in call_groups(n, scope)
    )


def _ref(refs: HostRefs, info: ModuleInfo | None, name: str) -> str | None:
    return refs.ref(info, name) if info else None


def _is_test(name: str) -> bool:
    # run_tests.py runs test suites (PyInstaller's asks its group for `tests` entry points,
    # which name test directories, not plugins of the build).
    return (
        name.startswith("test_")
        or name.endswith("_test.py")
        or name in ("conftest.py", "run_tests.py", "runtests.py")
    )


SCRIPT_GROUPS = ("console_scripts", "gui_scripts")
"""The groups installers make commands from: what a host reads there is a program to run."""


def survey(host: Path, *, family: bool = True) -> Survey:
    """Read every Python file under ``host`` (skipping virtualenvs and build output); with
    ``family``, a pluggy host whose own code names no project or group is completed from the
    installed package whose classes it subclasses (:func:`_family`)."""
    result = Survey(host=host)
    # Parsed by the static pass's index, as the check parses plugins (an unreadable, oversized
    # or too deeply nested file is skipped, never raised), which then resolves names with them.
    index = ModuleIndex()
    parsed: list[tuple[Path, str, ast.Module]] = []
    skips: set[str] = set()  # modules that load entry points without their requirement check
    for path in host_files(host):
        info = index.info(path)
        if info is None:
            continue
        module, root = module_name(path)
        result.roots.setdefault(module.partition(".")[0], root)
        unalias(info.tree)
        fold_local_groups(info.tree)
        if _skips_require(info.tree):  # read before ``resolve()`` reads as ``load()``
            skips.add(module)
        resolves_as_loads(info.tree)
        mark_table_loads(info.tree)
        parsed.append((path, module, info.tree))
    refs = HostRefs(
        [(path, module) for path, module, _ in parsed], sorted(set(result.roots.values())), index
    )
    result.pluggy = read_pluggy(refs, host)
    # ``from . import NAME`` / ``from pkg.consts import GROUP``: constants of other modules,
    # followed through re-exports (tox: marker.NAME -> tox.plugin.NAME -> manager) and folded
    # (sqlfluff: ``plugin_base_name = f"{project_name}-plugin"``).
    known = known_values(parsed)
    forwards = forwarding([tree for _, _, tree in parsed])
    # errbot's entry_point_plugins(group) reads `ep.dist.files` of the group its callers name.
    reading = set(forwards) & {
        f.name
        for _, _, t in parsed
        if reads_data_only(t)
        for f in t.body
        if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    loaders = frozenset(module_loaders([tree for _, _, tree in parsed]))
    loaders |= module_lists([tree for _, _, tree in parsed], loaders)
    fed = list_groups([(tree, Known(*known[m], {})) for _, m, tree in parsed], loaders, forwards)
    importers = object_importers([tree for _, _, tree in parsed])
    selves = passed_selves((module, tree) for _, module, tree in parsed)
    writes: list[tuple[str, int]] = []
    handed: dict[str, set[str]] = {}  # forwarding function -> the groups its callers hand it
    unbound: list[tuple[Lookup, str]] = []  # objects called where the group is a parameter
    handed_to: list[tuple[Lookup, str]] = []  # modules looked up where the group is a parameter
    filled: dict[tuple[str, str], Registry] = {}  # (module, name) -> a registry of loaded objects
    bases: dict[str, list[str]] = {}  # module:Class -> the host's classes it derives from
    for path, module, tree in parsed:
        where = f"{path.relative_to(host).as_posix()}"
        constants, lists = known[module]
        scope = Known(
            constants,
            lists,
            loop_values(tree, constants, lists),
            class_attributes(tree, constants),
        )
        for statement in tree.body:
            _definition(result, module, statement)
        methods = {
            id(fn): f"{module}:{cls.name}"
            for cls in tree.body
            if isinstance(cls, ast.ClassDef)
            for fn in cls.body
        }
        kept = held_modules(tree, loaders)
        info = refs.info(path)
        own = registries(
            tree,
            where,
            functools.partial(call_groups, known=scope),
            functools.partial(_ref, refs, info),
        )
        filled.update({(module, name): registry for name, registry in own.items()})
        for base, line in held_classes(tree, functools.partial(_ref, refs, info)):
            result.held.append((base, f"{where}:{line}"))
        for taken, line in passed_objects(refs, info, tree) if info is not None else ():
            result.passed.append((taken, f"{where}:{line}"))
        for name, line in builtins_written(tree):
            writes.append((module, line))
            if name is None:
                result.builtins_computed.append(f"{where}:{line}")
            else:
                result.builtins_set.setdefault(name, f"{where}:{line}")
        for package, line in namespace_walks(tree, set(result.roots)).items():
            result.namespaces.setdefault(package, f"{where}:{line}")
            for callee in walk_handlers(tree, package):
                if (handler := _ref(refs, info, callee)) is not None:
                    result.handlers.setdefault(package, set()).add(handler)
        group_of = functools.partial(entry_point_group, constants=constants)
        result.signatures.update(annotated_slots(tree, where, group_of))
        result.folder_loads += folder_loads(tree, path, host, constants)
        result.registrations += registrations(
            tree, module, where, functools.partial(_ref, refs, info)
        )
        for cls in (c for c in tree.body if isinstance(c, ast.ClassDef)):
            resolved = (_ref(refs, info, dotted(b)) for b in cls.bases)
            bases[f"{module}:{cls.name}"] = [b for b in resolved if b]
        given = module_parameters(tree, loaders)
        named = module_parameters(tree, loaders, by_name=True)
        # A module that only reads files where its entry points point (IPython's themes) asks
        # for a data group: it gets no code contract.
        groups = result.data_groups if reads_data_only(tree) else result.groups
        compares_names = names_distributions(tree)
        valued = functools.cache(functools.partial(imported_by_value, tree))  # once asked
        at_import = functools.cache(functools.partial(runs_at_import, tree))
        for node in walked(tree):
            if isinstance(node, ast.Call):
                if asks_cliff(node):
                    result.cliff_asks.add(f"{where}:{node.lineno}")
                for group in call_groups(node, scope):
                    groups.setdefault(group, f"{where}:{node.lineno}")
                    if (run := at_import().get(id(node))) is not None:
                        result.loaded_at_import.setdefault(group, (module, f"{where}:{run}"))
                    if (read := valued()) is not None:
                        result.value_groups.setdefault(group, f"{where}:{read}")
                    result.asked_names.setdefault(group, {}).setdefault(
                        call_name(node, scope), f"{where}:{node.lineno}"
                    )
                    if is_named(node.func, "load_setuptools_entrypoints"):
                        result.pluggy_groups.append(group)
                    if is_named(node.func, "iter_entry_points") and module not in skips:
                        result.required_groups.setdefault(group, f"{where}:{node.lineno}")
                config = init_config(node) if result.config is None else None
                if config:
                    result.config = (config, f"{where}:{node.lineno}")
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                namespace = plugin_namespace(node, constants)
                for pattern, line in group_patterns(node, scope):
                    result.patterns.add(pattern)
                    groups.setdefault(pattern, f"{where}:{line}")
                joined = joined_value(node)
                for group in (
                    g
                    for n in walked(node)
                    if joined and isinstance(n, ast.Call)
                    for g in call_groups(n, scope)
                ):
                    result.dotted_paths.setdefault(group, f"{where}:{joined}")
                for template, line in distribution_names(node) if compares_names else ():
                    for group in (
                        g
                        for n in walked(node)
                        if isinstance(n, ast.Call)
                        for g in call_groups(n, scope)
                    ):
                        result.distribution_names.setdefault(group, (template, f"{where}:{line}"))
                loading = (len(result.lookups), len(result.classes))
                # Lookups on the modules of a list the function loops over, loading none itself
                # (OpenStackClient's ``for mod in PLUGIN_MODULES``): those of the groups filling it.
                fills = looped_groups(node, loaders, fed)
                for lookup in lookups_in(
                    node,
                    where,
                    tree,
                    methods.get(id(node)),
                    functools.partial(_ref, refs, info),
                    loaders,
                    group_of,
                    given.get(id(node), frozenset()),
                    named.get(id(node), frozenset()),
                    kept.get(methods.get(id(node), "").rpartition(":")[2]),
                    selves,
                ):
                    lookup.owner = methods.get(id(node))
                    lookup.asked = _asked(node, scope)
                    if not lookup.named_object:
                        lookup.namespace = namespace
                        lookup.groups = tuple(sorted(fills))
                        if not fills and node.name in forwards:
                            handed_to.append((lookup, node.name))
                    elif lookup.group is None and not lookup.groups and node.name in forwards:
                        unbound.append((lookup, node.name))
                    result.lookups.append(lookup)
                resolve = functools.partial(_ref, refs, info)
                result.classes.extend(class_picks(node, where, tree, resolve, constants, loaders))
                result.classes.extend(
                    dotted_picks(node, where, tree, methods.get(id(node)), resolve, importers)
                )
                # Its own loads, not reads every module has (IPython's completer reads
                # ``getattr(m, "__all__", [])`` of the modules it lists, loading none).
                loads_here = len(result.classes) != loading[1] or any(
                    lk.named_object or any(n not in MODULE_DUNDERS for n in lk.names)
                    for lk in result.lookups[loading[0] :]
                )
                if loads_here and result.reads_all is None:
                    star = reads_all(node, set(result.roots))
                    result.reads_all = f"{where}:{star}" if star is not None else None
        for group, line, function in forwarded_groups(tree, forwards, scope):
            handed.setdefault(function, set()).add(group)
            (result.data_groups if function in reading else groups).setdefault(
                group, f"{where}:{line}"
            )
            result.asked_names.setdefault(group, {}).setdefault(None, f"{where}:{line}")
        for group, line in (*group_filters(tree, scope), *subscript_groups(tree, scope)):
            groups.setdefault(group, f"{where}:{line}")
            result.asked_names.setdefault(group, {}).setdefault(None, f"{where}:{line}")
    for lookup in registry_lookups(parsed, host, refs, filled):
        result.lookups.append(lookup)
    require_refused(result.lookups, parsed, host)
    for registry in filled.values():
        if registry.by_name:
            result.keyed.setdefault(registry.group, registry.where)
    # asdf's ``_list_entry_points(group, proxy_class)`` calls each entry point's object of the
    # group its callers hand it: the call belongs to each of those groups.
    for lookup, function in (*unbound, *handed_to):
        lookup.groups = tuple(sorted(handed.get(function, ())))
    for lookup in result.lookups:  # a method of the class the host builds with each group
        owner = (lookup.owner or "").rpartition(":")[2]  # (Poetry's PluginManager(group))
        lookup.asked |= handed.get(owner, set())
    called = {lk.group for lk in result.lookups if lk.named_object and lk.group}
    result.lookups += [
        lookup
        for lookup in handed_lookups(
            parsed,
            host,
            lambda module, call: entry_point_group(call, constants=known[module][0]),
        )
        if lookup.group not in called
    ]
    for group in [g for g in result.data_groups if g in result.groups]:
        del result.data_groups[group]  # another module loads its code
    for group in SCRIPT_GROUPS:
        # sqlalchemy's tool_support finds `black` there to run it: a command, not a plugin.
        for at in (result.groups.pop(group, None), result.data_groups.pop(group, None)):
            if at:
                result.script_groups.setdefault(group, at)
    _uses(result, refs, parsed)
    result.scans = name_scans(refs, parsed, host)
    result.classes += name_picks(parsed, host, lambda module: known[module][0])
    type_registries(result, parsed, lambda module: known[module][0])
    trees = {module: tree for _, module, tree in parsed}
    result.classes += [_registered(r, trees) for r in result.registrations if r.pick]
    for i, pick in enumerate(result.classes):
        typed = {a.type for a in pick.arguments or () if a.type and not a.stand_in}
        fresh = {t for t in typed if t.partition(":")[0] in trees and _builds(trees, t)}
        result.classes[i] = replace(pick, buildable=frozenset(fresh))
    if any(lk.named_object for lk in result.lookups):
        result.accepted = accepted_by(
            host, parsed, refs, result.lookups, lambda module: known[module][0]
        )
    if writes:
        by_file = {path.relative_to(host).as_posix(): module for path, module, _ in parsed}
        loads = [
            (by_file.get(where, ""), int(line))
            for at in (*(lk.where for lk in result.lookups), *(c.where for c in result.classes))
            for where, _, line in [at.rpartition(":")]
            if line.isdigit()
        ]
        result.session_start = session_start(host, parsed, refs, writes, loads)
    for built in result.handlers.values():
        todo = list(built)
        while todo:  # a handler runs what its bases define (Sopel's PyModulePlugin.setup)
            todo += [b for b in bases.get(todo.pop(), []) if b not in built]
            built.update(todo)
    if family and result.pluggy.found and not (result.pluggy.projects and result.groups):
        _family(result, refs, parsed)
    return result


def _family(result: Survey, refs: HostRefs, parsed: list[tuple[Path, str, ast.Module]]) -> None:
    """Hatch's ``PluginManager`` subclasses hatchling's, where pluggy's manager is created with
    the project and the group is loaded: the installed packages beside the host whose classes
    it subclasses (most subclassed first) are read, and the first with a pluggy project fills
    in what the host's own code lacks; its hookspecs are the host's too (the subclass's
    manager registers them)."""
    bases: dict[str, int] = {}
    for _, _, tree in parsed:
        imported = {
            alias.asname or alias.name: node.module.partition(".")[0]
            for node in walked(tree)
            if isinstance(node, ast.ImportFrom) and node.module and not node.level
            for alias in node.names
        }
        for cls in walked(tree):
            if isinstance(cls, ast.ClassDef):
                for base in cls.bases:
                    top = imported.get(dotted(base).partition(".")[0])
                    if top and top != "pluggy" and top not in result.roots:
                        bases[top] = bases.get(top, 0) + 1
    for top in sorted(bases, key=lambda t: (-bases[t], t)):
        candidate = next((r / top for r in refs.roots if (r / top).is_dir()), None)
        if candidate is None:
            continue
        other = survey(candidate, family=False)
        if not other.pluggy.projects:
            continue
        host = result.pluggy
        host.family = top
        result.roots.setdefault(top, candidate.parent)
        if not host.projects:
            host.projects = list(other.pluggy.projects)
        if not result.groups:
            result.groups = {g: f"{top}/{w}" for g, w in other.groups.items()}
            result.pluggy_groups = list(other.pluggy_groups)
        own = host.hookspecs or host.marked
        host.hookspecs = {
            **{s: f"{top}/{w}" for s, w in (other.pluggy.hookspecs or other.pluggy.marked).items()},
            **own,
        }
        if host.check_pending is None and other.pluggy.check_pending:
            host.check_pending = f"{top}/{other.pluggy.check_pending}"
        host.no_arguments = argument_free(refs, host)
        return


def _uses(result: Survey, refs: HostRefs, parsed: list[tuple[Path, str, ast.Module]]) -> None:
    """Where the host calls a function of its own that returns what a plugin's factory built:
    how it checks the object and which of its methods it calls (:mod:`.uses`)."""
    trees = {module: tree for _, module, tree in parsed}
    infos = {module: refs.info(path) for path, module, _ in parsed}
    for lookup in result.lookups:
        if lookup.named_object and lookup.use is not None:
            if lookup.use.check and lookup.use.calls:
                # and what other functions call on it, typed by their annotations
                typed_calls(
                    parsed,
                    result.host,
                    lambda module, name: _ref(refs, infos.get(module), name),
                    lookup.use,
                    lookup.use.check,
                )
            # ``obj = ep.load()(self)``: host classes among what builds the object and what the
            # methods called on it get, which build with no arguments.
            made = [*(lookup.arguments or [])]
            made += [a for c in lookup.use.calls for a in c.arguments or []]
            _buildable(lookup.use, made, trees)
    returners = {lk.returned_by for lk in result.lookups if lk.returned_by}
    if not returners:
        return
    for path, module, tree in parsed:
        info = refs.info(path)
        where = path.relative_to(result.host).as_posix()
        methods = {
            id(fn): f"{module}:{cls.name}"
            for cls in tree.body
            if isinstance(cls, ast.ClassDef)
            for fn in cls.body
        }
        resolve = functools.partial(_ref, refs, info)
        for fn in walked(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for returner, use in uses(fn, where, tree, methods.get(id(fn)), resolve, returners):
                _buildable(use, [a for c in use.calls for a in c.arguments or []], trees)
                for lookup in result.lookups:
                    if lookup.returned_by == returner and lookup.use is None:
                        lookup.use = use


def _registered(registration: Registration, trees: dict[str, ast.Module]) -> ClassPick:
    """The classes a registration method builds, with the method itself as the host's judge
    where its class builds with no arguments (Faker's ``Generator().add_provider``)."""
    assert registration.pick is not None
    owner, _, method = registration.method.rpartition(".")
    if owner.partition(":")[0] not in trees or not _builds(trees, owner):
        return registration.pick
    return replace(registration.pick, registered_by=f"{owner}().{method}")


def _builds(trees: dict[str, ast.Module], ref: str) -> bool:
    owner, _, name = ref.partition(":")
    return buildable(trees[owner], name)


def _buildable(use: Use, arguments: list[Argument], trees: dict[str, ast.Module]) -> None:
    for argument in arguments:
        owner, _, name = (argument.type or "").partition(":")
        if owner in trees and buildable(trees[owner], name):
            use.buildable.add(f"{owner}:{name}")


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


def _skips_require(tree: ast.Module) -> bool:
    """Whether the module loads entry points without pkg_resources' requirement check:
    ``ep.load(require=False)``, ``ep.resolve()``, or a ``load`` whose arguments it cannot tell;
    or its ``iter_entry_points`` may be another's (the module never imports pkg_resources)."""
    imports = any(
        (isinstance(n, ast.Import) and any(a.name == "pkg_resources" for a in n.names))
        or (isinstance(n, ast.ImportFrom) and n.module == "pkg_resources" and not n.level)
        for n in walked(tree)
    )
    if not imports:
        return True
    for node in walked(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        if node.func.attr == "resolve" and not node.args and not node.keywords:
            return True
        if node.func.attr == "load" and (
            node.args
            or any(
                k.arg is None or (k.arg == "require" and not _true(k.value)) for k in node.keywords
            )
        ):
            return True
    return False


def _true(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and value.value is True
