"""The entry-point groups a host asks for: ``entry_points(group=...)`` and its spellings.

A group is a constant folded from the host's code (:mod:`.constants`), or every value of a loop
over a constant collection (``for group in ENTRY_POINT_NAMES: entry_points(group=group)``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from plugcheck.scaffold.constants import strings_of
from plugcheck.scaffold.local_bindings import local_displays, local_strings
from plugcheck.scaffold.syntax import ENTRYPOINTS_READERS, dotted, is_named, string_value
from plugcheck.static.function_walk import own_nodes
from plugcheck.static.syntax import walked


@dataclass(frozen=True, slots=True)
class Known:
    """What a module's code can be folded with."""

    constants: dict[str, str]
    lists: dict[str, list[str]]
    loops: dict[str, list[str]]
    """Loop variables bound to each string of a constant collection."""
    attributes: Mapping[int, list[str]] = field(default_factory=dict)
    """``cls.NAME`` read in a method: the values of that class attribute (by node id)."""

    def values(self, node: ast.expr | None) -> list[str]:
        if node is None:
            return []
        if id(node) in self.attributes:
            return list(self.attributes[id(node)])
        value = string_value(node, self.constants)
        if value is not None:
            return [value]
        if isinstance(node, ast.Name) and node.id in self.loops:
            return list(self.loops[node.id])
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            # Handed to a function that asks for each (:func:`_loop_parameters`): Sceptre's
            # ``self._add_yaml_constructors(["sceptre.hooks", "sceptre.resolvers"])``.
            return [v for element in node.elts for v in self.values(element)]
        return []


_STEVEDORE = (
    "ExtensionManager",
    "NamedExtensionManager",
    "EnabledExtensionManager",
    "DispatchExtensionManager",
    "NameDispatchExtensionManager",
    "DriverManager",
    "HookManager",
)
"""stevedore's managers, whose ``namespace`` (first argument) is the entry-point group they load
(bandit's ``extension.ExtensionManager(namespace="bandit.formatters")``)."""

_CLIFF = ("CommandManager", "add_command_group")
"""cliff's command manager, which loads the commands of its ``namespace`` and of each group
added (first argument; OpenStackClient's ``add_command_group("openstack.common")``)."""


CLIFF_COMMAND = "cliff.command:Command"
"""What cliff's ``CommandManager`` takes each entry point of its groups to name: a command class
(``cmd_factory = ep.load()``, then ``cmd_factory(app, app_args)``)."""


def asks_cliff(call: ast.Call) -> bool:
    """``CommandManager(namespace)`` or ``add_command_group(group)``: cliff's command groups."""
    return _tail(call.func) in _CLIFF


def entry_point_group(call: ast.Call, constants: dict[str, str]) -> str | None:
    """The group of ``entry_points(group=G)``, ``eps.select(group=G)``, ``entry_points().get(G)``,
    ``load_setuptools_entrypoints(G)``, ``iter_entry_points(G)``, when it is one constant."""
    value = group_expr(call)
    return string_value(value, constants) if value is not None else None


def call_groups(call: ast.Call, known: Known) -> list[str]:
    """Every group the call asks for (a loop over constants asks for each)."""
    return known.values(group_expr(call))


def call_name(call: ast.Call, known: Known) -> str | None:
    """The one entry-point name a call asking for a group selects (``entry_points(group=G,
    name="hook-dirs")``, ``eps.select(group=G, name=N)``, ``iter_entry_points(G, N)``), when
    it is one constant; ``None`` when the call takes every name (or one plugcheck cannot read)."""
    value = next((k.value for k in call.keywords if k.arg == "name"), None)
    if (
        value is None
        and (
            is_named(call.func, "iter_entry_points")
            or dotted(call.func) == "entrypoints.get_single"
        )
        and len(call.args) > 1
    ):
        value = call.args[1]
    values = known.values(value)
    return values[0] if len(values) == 1 else None


_ASKING = frozenset(
    {
        *_STEVEDORE,
        *ENTRYPOINTS_READERS,
        *_CLIFF,
        "load_setuptools_entrypoints",
        "iter_entry_points",
        "entry_points",
        "select",
    }
)
"""The last part of the name of every call :func:`group_expr` reads (and ``get``)."""


def _tail(func: ast.expr) -> str:
    """``dotted(func).rpartition(".")[2]`` without building the dotted name."""
    while isinstance(func, ast.Subscript):
        func = func.value
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def group_expr(call: ast.Call) -> ast.expr | None:
    """The expression naming the group a call asks for, if it asks for one."""
    func = call.func
    tail = _tail(func)
    if tail not in _ASKING and tail != "get":
        return None  # every call of the host's code is asked: most are none of these
    if tail in _STEVEDORE or tail in _CLIFF:  # stevedore's managers, cliff's: the namespace
        if call.args:
            return call.args[0]
        return next((k.value for k in call.keywords if k.arg in ("namespace", "group")), None)
    # pluggy's PluginManager; pkg_resources' iter_entry_points(group, name=None) (Lektor 3);
    # the entrypoints library (``unalias`` spells every import of its readers so)
    if (
        is_named(func, "load_setuptools_entrypoints")
        or is_named(func, "iter_entry_points")
        or (tail in ENTRYPOINTS_READERS and dotted(func) == f"entrypoints.{tail}")
    ):
        if call.args:
            return call.args[0]
        return next((k.value for k in call.keywords if k.arg == "group"), None)
    value = group_argument(call)
    if value is not None:
        return value
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "get"
        and isinstance(func.value, ast.Call)
        and is_named(func.value.func, "entry_points")
        and call.args
    ):
        return call.args[0]
    return None


def fold_local_groups(tree: ast.Module) -> None:
    """A function's local name bound once to a string literal and then passed as the group
    (setuptools' ``group = 'setuptools.finalize_distribution_options'`` then
    ``metadata.entry_points(group=group)``) is read as that literal at the call: the call's
    argument becomes the constant. Not a parameter, global or nonlocal, nor a name the function
    binds anywhere else (a loop, a second assignment, an import, a nested definition)."""
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            values = local_strings(fn)
            for call in (n for n in own_nodes(fn) if isinstance(n, ast.Call) and values):
                value = group_expr(call)
                if isinstance(value, ast.Name) and value.id in values:
                    folded = ast.copy_location(ast.Constant(values[value.id]), value)
                    call.args = [folded if a is value else a for a in call.args]
                    for keyword in call.keywords:
                        keyword.value = folded if keyword.value is value else keyword.value


def group_argument(call: ast.Call) -> ast.expr | None:
    """The ``group=`` argument of ``entry_points(...)`` or ``eps.select(...)``."""
    func = call.func
    if is_named(func, "entry_points") or (
        isinstance(func, ast.Attribute) and func.attr == "select"
    ):
        return next((k.value for k in call.keywords if k.arg == "group"), None)
    return None


def subscript_groups(tree: ast.Module, known: Known) -> Iterator[tuple[str, int]]:
    """``entry_points()[G]`` and ``eps[G]`` with ``eps = entry_points()``."""
    bound = {
        t.id
        for n in walked(tree)
        if isinstance(n, ast.Assign)
        and isinstance(n.value, ast.Call)
        and is_named(n.value.func, "entry_points")
        and not n.value.args
        and not n.value.keywords
        for t in n.targets
        if isinstance(t, ast.Name)
    }
    for node in walked(tree):
        if not isinstance(node, ast.Subscript) or not isinstance(node.ctx, ast.Load):
            continue
        value = node.value
        if (isinstance(value, ast.Call) and is_named(value.func, "entry_points")) or (
            isinstance(value, ast.Name) and value.id in bound
        ):
            for group in known.values(node.slice):
                yield group, node.lineno


def forwarding(trees: list[ast.Module]) -> dict[str, tuple[int, str]]:
    """Host functions that pass a parameter on as the group (``def find_entry_points(eps,
    group): return eps.select(group=group)``): name -> (position, name) of that parameter."""
    found: dict[str, tuple[int, str]] = {}
    functions = [
        fn
        for tree in trees
        for fn in walked(tree)
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    # The calls of each function with parameters (the only ones that can forward), walked once.
    calls: dict[int, list[ast.Call]] = {}
    for fn in functions:
        params = _parameters(fn)
        if not params:
            continue
        behind = _loop_parameters(fn, params)
        called = calls[id(fn)] = [node for node in walked(fn) if isinstance(node, ast.Call)]
        for value in [*map(group_expr, called), *_compared_groups(fn)]:
            if isinstance(value, ast.Name) and value.id in params:
                found[fn.name] = (params.index(value.id), value.id)
            elif isinstance(value, ast.Name) and value.id in behind:
                found[fn.name] = (params.index(behind[value.id]), behind[value.id])
    for tree in trees:
        for cls in walked(tree):
            if isinstance(cls, ast.ClassDef):
                found.update(_constructor_forwarding(cls, dict(found)))
    # virtualenv's options(key) passes its parameter on to entry_points_for(key), which asks
    # for it: a function handing a parameter to a forwarding one forwards it too.
    grew = True
    while grew:
        grew = False
        for fn in functions:
            if fn.name in found or id(fn) not in calls:
                continue
            params = _parameters(fn)
            behind = _loop_parameters(fn, params)
            for node in calls[id(fn)]:
                value = _forwarded(node, found)
                name = value.id if isinstance(value, ast.Name) else None
                param = name if name in params else behind.get(name or "")
                if param is not None:
                    found[fn.name] = (params.index(param), param)
                    grew = True
                    break
    return found


def _compared_groups(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.expr]:
    """What ``fn`` compares entry points' groups with (OctoPrint's ``[ep for ep in
    dist.entry_points if ep.group == group]``), as :func:`group_filters` reads a comparison; not
    where the function reads only the entry points' names."""
    found = []
    for node in walked(fn):
        if (
            isinstance(node, ast.Compare)
            and isinstance(node.left, ast.Attribute)
            and node.left.attr == "group"
            and len(node.ops) == 1
            and isinstance(node.ops[0], ast.Eq | ast.NotEq)
            and not (isinstance(entry := node.left.value, ast.Name) and _names_only(fn, entry.id))
        ):
            found.append(node.comparators[0])
    return found


def _loop_parameters(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, params: list[str]
) -> dict[str, str]:
    """Loop variables of ``fn`` that take a parameter's value: ``for g in [group, ...]``, or
    over a name bound to such a list (pybtex's ``groups = [group, group + ".aliases"] if
    use_aliases else [group]``, then ``for search_group in groups``), or each of its values
    (Sceptre's ``for group in entry_point_groups``): variable -> parameter."""
    lists: dict[str, list[ast.expr]] = {}
    for node in walked(fn):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                lists.setdefault(target.id, []).extend(_elements(node.value))
    found: dict[str, str] = {}
    for node in walked(fn):
        if not (isinstance(node, ast.For | ast.AsyncFor) and isinstance(node.target, ast.Name)):
            continue
        source = node.iter
        if isinstance(source, ast.Name) and source.id in params and source.id not in lists:
            found[node.target.id] = source.id
            continue
        elements = lists.get(source.id, []) if isinstance(source, ast.Name) else _elements(source)
        named = [e.id for e in elements if isinstance(e, ast.Name) and e.id in params]
        if named and len(set(named)) == 1:
            found[node.target.id] = named[0]
    return found


def _elements(node: ast.expr) -> list[ast.expr]:
    """The elements of a list or tuple display (of both branches of a conditional one)."""
    if isinstance(node, ast.List | ast.Tuple):
        return list(node.elts)
    if isinstance(node, ast.IfExp):
        return [*_elements(node.body), *_elements(node.orelse)]
    return []


def _parameters(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """The positional parameters a caller passes (``self``/``cls`` left out)."""
    params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    if params and params[0] in ("self", "cls"):
        params = params[1:]
    return params


def _forwarded(call: ast.Call, forwards: Mapping[str, tuple[int, str]]) -> ast.expr | None:
    """The argument a call of a forwarding function passes as the group."""
    forward = forwards.get(_tail(call.func))
    if forward is None:
        return None
    index, name = forward
    value = call.args[index] if index < len(call.args) else None
    return next((k.value for k in call.keywords if k.arg == name), value)


def _constructor_forwarding(
    cls: ast.ClassDef, forwards: Mapping[str, tuple[int, str]]
) -> dict[str, tuple[int, str]]:
    """Poetry's ``PluginManager(group)``: ``__init__`` keeps a parameter as ``self._group``,
    which a method asks for (``entry_points(group=self._group)``), or hands to a function that
    asks for it (sqlalchemy's ``PluginLoader``: ``compat.importlib_metadata_get(self.group)``):
    the class forwards it."""
    init = next(
        (f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None
    )
    if init is None:
        return {}
    params = [a.arg for a in (*init.args.posonlyargs, *init.args.args)][1:]
    kept = {
        target.attr: node.value.id
        for node in walked(init)
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Name)
        and node.value.id in params
        for target in node.targets
        if isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == "self"
    }
    for node in walked(cls):
        value = (
            (group_expr(node) or _forwarded(node, forwards)) if isinstance(node, ast.Call) else None
        )
        if (
            isinstance(value, ast.Attribute)
            and isinstance(value.value, ast.Name)
            and value.value.id == "self"
            and value.attr in kept
        ):
            param = kept[value.attr]
            return {cls.name: (params.index(param), param)}
    return {}


def forwarded_groups(
    tree: ast.Module, forwards: Mapping[str, tuple[int, str]], known: Known
) -> Iterator[tuple[str, int, str]]:
    """Calls of a forwarding function (:func:`forwarding`) with a constant group, and the
    constant default of a parameter a function passes on as the group, each of them (PyScaffold's
    ``def iterate_entry_points(group=ENTRYPOINT_GROUP)``, called with no group; bandit's
    ``Manager.__init__(self, formatters_namespace="bandit.formatters", plugins_namespace=...)``
    handing each to a loader): the group, the line, and the function it is handed to (asdf's
    ``_list_entry_points(RESOURCE_MAPPINGS_GROUP, ...)``: ``_list_entry_points``)."""
    local = {
        id(call): displays
        for fn in walked(tree)
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
        and (displays := local_displays(fn))
        for call in own_nodes(fn)
        if isinstance(call, ast.Call)
    }
    for node in walked(tree):
        if isinstance(node, ast.Call):
            value = _forwarded(node, forwards)
            if isinstance(value, ast.Name) and value.id in local.get(id(node), {}):
                value = local[id(node)][value.id]  # OctoPrint's plugin_entry_points = [...]
            for group in known.values(value):
                yield group, node.lineno, _tail(node.func)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for call in walked(node):
                value = (
                    group_expr(call) or _forwarded(call, forwards)
                    if isinstance(call, ast.Call)
                    else None
                )
                if isinstance(value, ast.Name):
                    for group in known.values(_default(node, value.id)):
                        yield group, node.lineno, node.name


def handed_groups(
    call: ast.Call, forwards: Mapping[str, tuple[int, str]], known: Known
) -> list[str]:
    """The groups a call asks for itself or hands a forwarding function (:func:`forwarding`):
    OpenStackClient's ``get_plugin_modules("openstack.cli.base")``."""
    return call_groups(call, known) or known.values(_forwarded(call, forwards))


def _default(fn: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> ast.expr | None:
    """The default of ``fn``'s positional parameter ``name``."""
    positional = [*fn.args.posonlyargs, *fn.args.args]
    defaults = fn.args.defaults
    offset = len(positional) - len(defaults)
    for index, arg in enumerate(positional):
        if arg.arg == name and index >= offset:
            return defaults[index - offset]
    return None


def group_filters(tree: ast.Module, known: Known) -> Iterator[tuple[str, int]]:
    """``ep.group == "x"``, ``ep.group != NAME`` (then ``continue``) and ``ep.group in GROUPS``
    (a constant collection of strings); not where the function reads only the entry points'
    names (pdm's uninstaller: ``ep.group == "console_scripts"`` to list the scripts to remove)."""
    compared = [
        node
        for node in walked(tree)
        if isinstance(node, ast.Compare)
        and isinstance(node.left, ast.Attribute)
        and node.left.attr == "group"
        and len(node.ops) == 1
        and isinstance(node.ops[0], ast.Eq | ast.NotEq | ast.In | ast.NotIn)
    ]
    if not compared:
        return  # most modules compare no group: no need to map every node to its function
    scopes = {
        id(n): fn
        for fn in walked(tree)
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
        for n in walked(fn)
    }
    for node in compared:
        assert isinstance(node.left, ast.Attribute)  # as filtered above
        entry = node.left.value
        if isinstance(entry, ast.Name) and _names_only(scopes.get(id(node), tree), entry.id):
            continue
        right = node.comparators[0]
        if isinstance(node.ops[0], ast.Eq | ast.NotEq):
            values = known.values(right)
        else:
            values = strings_of(right, known.constants, known.lists)
        for value in values:
            yield value, node.lineno


def _names_only(scope: ast.AST, name: str) -> bool:
    """Every read of ``name`` in ``scope`` is ``name.name`` or ``name.group``: the entry points
    are listed by name, never loaded, imported or handed on."""
    attrs = {
        id(n.value): n.attr
        for n in walked(scope)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
    }
    return all(
        attrs.get(id(n)) in {"name", "group"}
        for n in walked(scope)
        if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)
    )


_DATA_READS = frozenset(
    {"files", "read_text", "read_bytes", "open", "resource_filename", "resource_string"}
)
_CODE_LOADS = frozenset({"import_module", "__import__"})
_WHERE = frozenset({"module", "attr", "value"})


def reads_data_only(tree: ast.Module) -> bool:
    """Whether the entry points a module asks for name data, not code: it reads a file where
    one points (IPython's themes: ``files(ep.module)``, errbot's ``ep.dist.files``) and never
    loads one (no ``ep.load()``,
    no ``ep.load`` handed on, no ``import_module(ep.module)``)."""
    called = {id(n.func) for n in walked(tree) if isinstance(n, ast.Call)}
    reads = False
    for node in walked(tree):
        if isinstance(node, ast.Attribute) and node.attr == "load" and id(node) not in called:
            return False  # `ep.load` handed on, to be called elsewhere
        # errbot's `entry_point.dist.files`: the files the entry point's distribution installed,
        # searched for its own plugin descriptions (`*.plug`); the entry point is never loaded.
        reads |= (
            isinstance(node, ast.Attribute)
            and node.attr == "files"
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "dist"
        )
        if not isinstance(node, ast.Call):
            continue
        name = dotted(node.func).rpartition(".")[2]
        if name == "load" and not node.args and not node.keywords:
            return False  # `ep.load()` (a file's `json.load(f)` takes one)
        located = any(
            isinstance(a, ast.Attribute) and a.attr in _WHERE
            for arg in (*node.args, *(k.value for k in node.keywords))
            for a in walked(arg)
        )
        if name in _CODE_LOADS and located:
            return False
        reads |= name in _DATA_READS and located
    return reads


def joined_value(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> int | None:
    """Where ``fn`` turns an entry point's value into one dotted path (fsspec's
    ``spec.value.replace(":", ".")``, later split at its last dot and imported): the line."""
    for node in walked(fn):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "replace"
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr == "value"
            and [a.value for a in node.args if isinstance(a, ast.Constant)] == [":", "."]
        ):
            return node.lineno
    return None


def resolves_as_loads(tree: ast.Module) -> None:
    """pkg_resources' ``entry_point.resolve()`` imports what the entry point names, as
    ``load()`` does without its requirement check (Mopidy 3's ``extension_class =
    entry_point.resolve()``): on a loop variable over entry points a group is asked for, it is
    read as ``load()``. A ``resolve()`` on anything else (a ``Path``) is left alone."""
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        asked = {
            t.id
            for n in own_nodes(fn)
            if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call) and group_expr(n.value)
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        entries = {
            loop.target.id
            for loop in own_nodes(fn)
            if isinstance(loop, ast.For | ast.AsyncFor | ast.comprehension)
            and isinstance(loop.target, ast.Name)
            and (
                (isinstance(loop.iter, ast.Call) and group_expr(loop.iter) is not None)
                or (isinstance(loop.iter, ast.Name) and loop.iter.id in asked)
            )
        }
        for call in own_nodes(fn):
            if (
                entries
                and isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "resolve"
                and isinstance(call.func.value, ast.Name)
                and call.func.value.id in entries
                and not call.args
                and not call.keywords
            ):
                call.func.attr = "load"
