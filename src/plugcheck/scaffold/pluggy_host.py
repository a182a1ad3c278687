"""pluggy hosts as they really are: the manager (pluggy's or a subclass), its project name (a
literal or a constant from anywhere in the host), the hookspecs it registers (``add_hookspecs``
of a module or a class), whether it ever calls ``check_pending()``, and the prefix a manager
subclass accepts unmarked hookimpls by (pytest's ``parse_hookimpl_opts``).

Names are resolved with the static pass's module index (:mod:`plugcheck.static.resolve`), so a
marker or a spec class imported from another package of the host is followed like a plugin's.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from plugcheck.scaffold.hook_samples import HookSamples, read_samples
from plugcheck.scaffold.hook_types import typed_stand_ins
from plugcheck.scaffold.refs import HostRefs
from plugcheck.static.hookspecs import Marking, Spec, specs_in
from plugcheck.static.index import ModuleIndex, Resolved
from plugcheck.static.parse import ModuleInfo, dotted_name
from plugcheck.static.resolve import marker_project, resolve_dotted, string_value
from plugcheck.static.syntax import walked

_MANAGER = "PluginManager"
_SPEC_MARKER = "HookspecMarker"
_IMPL_MARKER = "HookimplMarker"


@dataclass(slots=True)
class PluggyHost:
    projects: list[str] = field(default_factory=list)
    """Names given to the manager (first) and to the host's markers."""
    hookspecs: dict[str, str] = field(default_factory=dict)
    """What ``add_hookspecs`` registers (``module`` or ``module:Class``) -> where."""
    marked: dict[str, str] = field(default_factory=dict)
    """Modules or ``module:Class`` holding marked hookspecs -> where (when no
    ``add_hookspecs`` call could be read)."""
    managers: dict[str, str] = field(default_factory=dict)
    """The host's ``PluginManager`` subclasses (``module:Class``) -> where."""
    check_pending: str | None = None
    """Where the host calls ``check_pending()``; ``None`` when it never does."""
    prefix: tuple[str, str] | None = None
    """The prefix a manager subclass takes unmarked hookimpls by, with where."""
    addhooks: tuple[str, str] | None = None
    """A historic hook the host calls with nothing but its manager (pytest's
    ``pytest_addhooks(pluginmanager)``): plugins add their own hookspecs there. With where."""

    family: str | None = None
    """The installed package the project and group were read from (Hatch's manager
    subclasses hatchling's, which creates pluggy's manager and loads the group)."""
    no_arguments: list[str] = field(default_factory=list)
    """Every hookspec read, when none of them takes an argument (the host can only call each
    with none); empty otherwise."""
    origins: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    """Each manager's project -> the scope that makes it (file, first and last line): a
    subclass's class, the function that calls ``PluginManager(...)``."""
    loaders: dict[str, str] = field(default_factory=dict)
    """Group -> the project of the manager whose ``load_setuptools_entrypoints`` loads it, where
    the call's receiver is bound to that manager in the same scope (``cli =
    CLIHooksManager()``, ``pm = create_manager()``, ``pm = PluginManager("x")``)."""
    samples: HookSamples = field(default_factory=HookSamples)
    """What the host's own calls pass its hooks, and how often one run calls each."""
    own_specs: dict[str, dict[str, str]] = field(default_factory=dict)
    """The hookspecs ``add_hookspecs`` registers, by the project whose specs they hold (Kedro:
    ``kedro``'s five spec classes, ``kedro_cli``'s one)."""

    def managed(
        self, groups: dict[str, str], loaded: Sequence[str]
    ) -> list[tuple[str, str, dict[str, str]]]:
        """(group, project, hookspecs) for each group ``load_setuptools_entrypoints`` loads,
        when the host has a manager of its own for each (Kedro's pipeline hooks and CLI hooks):
        the manager whose scope loads the group, else the one manager left for the one group
        left. Empty when the groups cannot all be told apart that way (one contract, as before)."""
        pluggy = [g for g in groups if g in loaded]
        if len(pluggy) < 2 or len(self.own_specs) < 2:
            return []
        paired = {g: self.loaders[g] for g in pluggy if g in self.loaders}
        for group in pluggy:
            path, _, line = groups[group].rpartition(":")
            for project, (file, first, last) in self.origins.items():
                if file == path and line.isdigit() and first <= int(line) <= last:
                    paired.setdefault(group, project)
        left = [g for g in pluggy if g not in paired]
        free = [p for p in self.origins if p not in paired.values()]
        if len(left) == 1 and len(free) == 1:
            paired[left[0]] = free[0]
        if set(paired) != set(pluggy) or len(set(paired.values())) != len(paired):
            return []
        if any(not self.own_specs.get(p) for p in paired.values()):
            return []
        return [(g, paired[g], self.own_specs[paired[g]]) for g in sorted(paired)]

    @property
    def found(self) -> bool:
        return bool(self.hookspecs or self.marked)


@dataclass(frozen=True, slots=True)
class _Module:
    info: ModuleInfo
    name: str
    where: str


def read_pluggy(refs: HostRefs, host: Path) -> PluggyHost:
    """Every file of the host's code (``refs.names``) read for its pluggy manager."""
    index, roots = refs.index, refs.roots
    modules: list[_Module] = []
    for path, name in refs.names.items():
        info = index.info(path)
        if info is not None and info.tree is not None:
            modules.append(_Module(info, name, path.relative_to(host).as_posix()))
    found = PluggyHost()
    subclasses = _manager_classes(index, modules, roots, found)
    for module in modules:
        assert module.info.tree is not None
        for node in walked(module.info.tree):
            if isinstance(node, ast.Call):
                _call(refs, module, node, subclasses, found)
    for module in modules:
        assert module.info.tree is not None
        for node in walked(module.info.tree):
            if isinstance(node, ast.Call):
                loaded = _loaded_by(refs, modules, module, node, found)
                if loaded is not None:
                    found.loaders.setdefault(*loaded)
    if not found.hookspecs:
        _marked_specs(index, modules, roots, found)
    _own_project(refs, found)
    found.no_arguments = argument_free(refs, found)
    specs = spec_arguments(refs, found)
    if specs:
        found.samples = read_samples(refs, [(m.info, m.where) for m in modules], specs)
        known = {*found.samples.samples, *found.samples.built, *found.samples.left}
        found.samples.typed = typed_stand_ins(refs, host, hook_specs(refs, found) or [], known)
    return found


def _loaded_by(
    refs: HostRefs, modules: list[_Module], module: _Module, call: ast.Call, found: PluggyHost
) -> tuple[str, str] | None:
    """(group, project) for ``x.load_setuptools_entrypoints("group")`` whose receiver ``x``
    (or ``self.x``) is bound once, in the same scope (the class for ``self.x``), to a call that
    makes one of the host's managers: ``PluginManager("project")``, a manager subclass, or a
    function whose body makes one."""
    func = call.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr == "load_setuptools_entrypoints"
        and call.args
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
    ):
        return None
    receiver = dotted_name(func.value)
    info = module.info
    assert info.tree is not None
    scope = _scope(info, call) if receiver and not receiver.startswith("self.") else info.tree
    values = [
        node.value
        for node in walked(scope)
        if isinstance(node, ast.Assign) and any(dotted_name(t) == receiver for t in node.targets)
    ]
    if receiver is None or len(values) != 1 or not isinstance(values[0], ast.Call):
        return None
    made = values[0]
    name = dotted_name(made.func) or ""
    if name.rpartition(".")[2] == _MANAGER:
        project = _string(refs.index, info, made.args[0], refs.roots) if made.args else None
        return (call.args[0].value, project) if project in found.origins else None
    target = resolve_dotted(refs.index, info, name, refs.roots)
    if not isinstance(target, Resolved):
        return None
    where = next((m.where for m in modules if m.info.path == target.module.path), None)
    owners = [
        project
        for project, (file, first, last) in found.origins.items()
        if file == where and first <= target.symbol.line <= last
    ]
    return (call.args[0].value, owners[0]) if len(owners) == 1 else None


def _own_project(refs: HostRefs, found: PluggyHost) -> None:
    """Kedro has two managers (``kedro`` for pipeline hooks, ``kedro_cli`` for CLI hooks), each
    adding its own spec classes: the specs of the other project's manager are not the chosen
    manager's (pluggy's add_hookspecs refuses a class with none of its project's specs)."""
    if not found.projects or not found.hookspecs:
        return
    index, roots = refs.index, refs.roots
    by_name = {n: i for p, n in refs.names.items() if (i := index.info(p)) is not None}
    for project in found.projects:
        marking = Marking(project, found.prefix and found.prefix[0])
        own: dict[str, str] = {}
        for ref, where in found.hookspecs.items():
            module, _, cls = ref.partition(":")
            info = by_name.get(module)
            if info is None and (path := index.find_module(module, roots)) is not None:
                info = index.info(path)
            if (
                info is None
                or info.tree is None
                or specs_in(index, info, marking, roots, cls or None)
            ):
                own[ref] = where
        if own:
            found.own_specs[project] = own
    if found.own_specs.get(found.projects[0]):
        found.hookspecs = found.own_specs[found.projects[0]]


def argument_free(refs: HostRefs, found: PluggyHost) -> list[str]:
    """The names of every hookspec the host registers, when none takes an argument (specs in
    another installed package of the host's family are read through the module index)."""
    specs = spec_arguments(refs, found)
    return [] if specs is None or any(specs.values()) else list(specs)


def spec_arguments(refs: HostRefs, found: PluggyHost) -> dict[str, tuple[str, ...]] | None:
    """Every hookspec the host's manager registers -> the arguments it takes (positional and
    keyword); ``None`` when a hookspec module cannot be read."""
    specs = hook_specs(refs, found)
    return None if specs is None else {s.name: (*s.argnames, *s.kwargnames) for s in specs}


def hook_specs(refs: HostRefs, found: PluggyHost) -> list[Spec] | None:
    """Every hookspec the host's manager registers (of two of one name, the later); ``None`` when a
    hookspec module cannot be read."""
    index, roots = refs.index, refs.roots
    infos = [i for p in refs.names if (i := index.info(p)) is not None and i.tree is not None]
    by_name = {refs.names[i.path]: i for i in infos}
    named: dict[str, Spec] = {}
    for project in found.projects[:1]:
        for ref in found.hookspecs or found.marked:
            module, _, cls = ref.partition(":")
            info = by_name.get(module)
            if info is None and (path := index.find_module(module, roots)) is not None:
                info = index.info(path)
            if info is None:
                return None
            specs = specs_in(
                index, info, Marking(project, found.prefix and found.prefix[0]), roots, cls or None
            )
            named.update((s.name, s) for s in specs)
    return list(named.values())


def _span(module: _Module, node: ast.AST) -> tuple[str, int, int]:
    first = getattr(node, "lineno", 1)
    return module.where, first, getattr(node, "end_lineno", None) or first


def _scope(info: ModuleInfo, node: ast.AST) -> ast.AST:
    """The innermost function (else the module) around ``node``."""
    assert info.tree is not None
    around = [
        fn
        for fn in walked(info.tree)
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
        and any(n is node for n in walked(fn))
    ]
    return max(around, key=lambda fn: fn.lineno, default=info.tree)


def _where(module: _Module, node: ast.AST) -> str:
    return f"{module.where}:{getattr(node, 'lineno', 1)}"


def _manager_classes(
    index: ModuleIndex, modules: list[_Module], roots: Sequence[Path], found: PluggyHost
) -> set[tuple[Path, str]]:
    """The host's subclasses of ``PluginManager`` (also of one another), by (file, name)."""
    managers: set[tuple[Path, str]] = set()
    for _ in range(4):
        before = len(managers)
        for module in modules:
            assert module.info.tree is not None
            for node in module.info.tree.body:
                if not isinstance(node, ast.ClassDef) or (module.info.path, node.name) in managers:
                    continue
                if any(_is_manager(index, module.info, b, roots, managers) for b in node.bases):
                    managers.add((module.info.path, node.name))
                    found.managers[f"{module.name}:{node.name}"] = _where(module, node)
                    _subclass_body(index, module, node, roots, found)
        if len(managers) == before:
            break
    return managers


def _is_manager(
    index: ModuleIndex,
    module: ModuleInfo,
    expr: ast.expr,
    roots: Sequence[Path],
    managers: set[tuple[Path, str]],
) -> bool:
    name = dotted_name(expr)
    if name is None:
        return False
    if name.rpartition(".")[2] == _MANAGER:
        return True
    target = resolve_dotted(index, module, name, roots)
    return isinstance(target, Resolved) and (target.module.path, target.symbol.name) in managers


def _subclass_body(
    index: ModuleIndex, module: _Module, cls: ast.ClassDef, roots: Sequence[Path], found: PluggyHost
) -> None:
    """``super().__init__("pytest")`` names the project; ``parse_hookimpl_opts`` that takes
    ``name.startswith("pytest_")`` functions unmarked gives the prefix."""
    for fn in cls.body:
        if not isinstance(fn, ast.FunctionDef):
            continue
        for node in walked(fn):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            if fn.name == "__init__" and node.func.attr == "__init__":
                args = node.args
                if isinstance(node.func.value, ast.Name):  # PluginManager.__init__(self, "x")
                    args = args[1:]
                project = _string(index, module.info, args[0], roots) if args else None
                if project and project not in found.origins:
                    found.origins[project] = _span(module, cls)
                if project and project not in found.projects:
                    found.projects.insert(0, project)
            elif (
                fn.name == "parse_hookimpl_opts"
                and node.func.attr == "startswith"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and found.prefix is None
            ):
                found.prefix = (node.args[0].value, _where(module, node))


def _string(
    index: ModuleIndex, module: ModuleInfo, expr: ast.expr, roots: Sequence[Path]
) -> str | None:
    """A string literal, a constant naming one anywhere in the host (``PROJECT = "x"``), or one
    folded from those (sqlfluff: ``f"{project_name}-plugin"``, ``project_name`` imported)."""
    return string_value(index, module, expr, roots)


def _call(
    refs: HostRefs,
    module: _Module,
    node: ast.Call,
    subclasses: set[tuple[Path, str]],
    found: PluggyHost,
) -> None:
    index, roots = refs.index, refs.roots
    func = node.func
    attr = func.attr if isinstance(func, ast.Attribute) else dotted_name(func)
    if attr == "check_pending" and found.check_pending is None:
        found.check_pending = _where(module, node)
    elif attr == "call_historic" and found.addhooks is None:
        hook = _manager_only_hook(node)
        if hook is not None:
            found.addhooks = (hook, _where(module, node))
    elif attr == "add_hookspecs" and node.args:
        for spec in _spec_refs(refs, module, node.args[0]):
            found.hookspecs.setdefault(spec, _where(module, node))
    elif node.args and (
        _is_manager(index, module.info, func, roots, subclasses)
        or (dotted_name(func) or "").rpartition(".")[2] in (_SPEC_MARKER, _IMPL_MARKER)
    ):
        project = _string(index, module.info, node.args[0], roots)
        if project and project not in found.projects:
            found.projects.append(project)
        if (
            project
            and project not in found.origins
            and _is_manager(index, module.info, func, roots, subclasses)
        ):
            found.origins[project] = _span(module, _scope(module.info, node))


def _manager_only_hook(node: ast.Call) -> str | None:
    """``hook.NAME.call_historic(kwargs=dict(pluginmanager=pm))``: NAME, when the manager is
    the only argument (what else would a plugin do with it there but add hookspecs)."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute)):
        return None
    kwargs = next((k.value for k in node.keywords if k.arg == "kwargs"), None)
    keys: list[str] = []
    if isinstance(kwargs, ast.Call) and dotted_name(kwargs.func) == "dict" and not kwargs.args:
        keys = [k.arg for k in kwargs.keywords if k.arg]
    elif isinstance(kwargs, ast.Dict):
        keys = [
            k.value for k in kwargs.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)
        ]
    if len(keys) == 1 and keys[0].endswith("manager"):
        return func.value.attr
    return None


def _spec_refs(refs: HostRefs, module: _Module, expr: ast.expr) -> Iterator[str]:
    """``add_hookspecs(hookspec)``, ``(_hooks.UserHooks)``, ``(spec)`` in ``for spec in (A, B)``."""
    candidates = [expr]
    if isinstance(expr, ast.Name):
        candidates = _loop_values(module.info, expr) or candidates
    for candidate in candidates:
        ref = refs.ref(module.info, dotted_name(candidate))
        if ref is not None:
            yield ref


def _loop_values(info: ModuleInfo, name: ast.Name) -> list[ast.expr]:
    assert info.tree is not None
    for node in walked(info.tree):
        if (
            isinstance(node, ast.For)
            and isinstance(node.target, ast.Name)
            and node.target.id == name.id
            and isinstance(node.iter, ast.Tuple | ast.List)
        ):
            return list(node.iter.elts)
    return []


def _marked_specs(
    index: ModuleIndex, modules: list[_Module], roots: Sequence[Path], found: PluggyHost
) -> None:
    """No readable ``add_hookspecs``: the modules, or classes, whose functions are marked."""
    for module in modules:
        for project in found.projects or _marker_projects(index, module, roots):
            marking = Marking(project, None)
            if specs_in(index, module.info, marking, roots):
                found.marked.setdefault(module.name, module.where)
            for cls in _classes(module.info):
                if specs_in(index, module.info, marking, roots, cls.name):
                    found.marked.setdefault(f"{module.name}:{cls.name}", _where(module, cls))


def _classes(info: ModuleInfo) -> list[ast.ClassDef]:
    assert info.tree is not None
    return [s for s in info.tree.body if isinstance(s, ast.ClassDef)]


def _marker_projects(index: ModuleIndex, module: _Module, roots: Sequence[Path]) -> list[str]:
    """The projects of the spec markers ``module`` decorates anything with."""
    projects: list[str] = []
    assert module.info.tree is not None
    for node in walked(module.info.tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in node.decorator_list:
            spelled = dotted_name(decorator.func if isinstance(decorator, ast.Call) else decorator)
            project = (
                marker_project(index, module.info, spelled, roots, _SPEC_MARKER)
                if spelled
                else None
            )
            if project and project not in projects:
                projects.append(project)
    return projects
