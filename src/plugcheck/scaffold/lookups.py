"""How the host uses a loaded plugin module: the names it looks up and how it calls them."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Mapping

from plugcheck.scaffold.arguments import CallSite
from plugcheck.scaffold.attr_helpers import helper_read
from plugcheck.scaffold.defined_here import reads_module_of
from plugcheck.scaffold.fallbacks import falls_back
from plugcheck.scaffold.held_modules import Held, has_name
from plugcheck.scaffold.known_loads import entry_load, known_choice
from plugcheck.scaffold.looked_up_names import loop_strings, param_defaults
from plugcheck.scaffold.model import ClassPick, Lookup
from plugcheck.scaffold.module_loads import helper_bound, loaded_elements, module_of
from plugcheck.scaffold.module_loads import loads as _loads
from plugcheck.scaffold.module_loads import module_vars as _module_vars
from plugcheck.scaffold.not_modules import EVERY_MODULE_HAS, narrowed_away, narrowed_use
from plugcheck.scaffold.passed_values import passed_lookups, passed_strings
from plugcheck.scaffold.syntax import call_args, dotted, is_named, string_value
from plugcheck.scaffold.uses import MethodCall, Use
from plugcheck.static.syntax import walked


def module_parameters(
    tree: ast.Module, loaders: frozenset[str], by_name: bool = False
) -> dict[int, frozenset[str]]:
    """Parameters of the functions of ``tree`` (keyed by ``id`` of the def) that receive a
    plugin module: another function of the module imports it and passes it on
    (``mod = import_module(name)``, then ``self._call_load_ipython_extension(mod)``, which
    calls ``mod.load_ipython_extension(self.shell)``: IPython's ExtensionManager). ``by_name``:
    only those whose caller imported the module by name where it asks for no entry points."""
    functions: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
    for node in walked(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            functions.setdefault(node.name, []).append(node)
    found: dict[int, set[str]] = {}
    for fn in (f for same in functions.values() for f in same):
        modules = _module_vars(fn, tree, set(loaders))
        if by_name:
            modules = set() if asks_entry_points(fn) else modules & _named_modules(fn, loaders)
        if not modules:
            continue
        for call in walked(fn):
            if not isinstance(call, ast.Call):
                continue
            method = isinstance(call.func, ast.Attribute) and is_named(call.func.value, "self")
            name = call.func.attr if isinstance(call.func, ast.Attribute) and method else None
            name = call.func.id if isinstance(call.func, ast.Name) else name
            for callee in functions.get(name or "", []):
                params = [a.arg for a in (*callee.args.posonlyargs, *callee.args.args)]
                params = params[1:] if method and params[:1] == ["self"] else params
                for param, arg in zip(params, call.args, strict=False):
                    if isinstance(arg, ast.Name) and arg.id in modules:
                        found.setdefault(id(callee), set()).add(param)
    return {key: frozenset(names) for key, names in found.items()}


def call_key(node: ast.AST) -> str:
    return f"{getattr(node, 'lineno', 0)}:{getattr(node, 'col_offset', 0)}"


def lookups_in(
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    where: str,
    tree: ast.Module,
    host: str | None = None,
    resolve: Callable[[str], str | None] = lambda _: None,
    loaders: frozenset[str] = frozenset(),
    group_of: Callable[[ast.Call], str | None] = lambda _: None,
    given: frozenset[str] = frozenset(),
    named: frozenset[str] = frozenset(),
    held: Held | None = None,
    callers: Mapping[tuple[str, int], str] | None = None,
) -> Iterator[Lookup]:
    """The names ``fn`` looks up on plugin modules. ``host`` is the class ``fn`` is a method of
    (``module:Class``): an argument ``self`` is the host object. ``resolve`` turns a dotted name
    in ``fn``'s module into ``module:Class`` (for ``isinstance`` checks of a result);
    ``loaders``: the host's functions that return imported modules (:func:`module_loaders`);
    ``group_of``: the entry-point group a call asks for; ``given``: parameters of ``fn`` its
    callers pass a plugin module to (:func:`module_parameters`), ``named`` those of them that
    get a module their caller imported by name; ``held``: what the class of a method keeps of a
    plugin module across its methods (``self._module``: :mod:`.held_modules`)."""
    kept = held.attributes if held is not None else frozenset()
    modules = _module_vars(fn, tree, set(loaders)) | given | {f"self.{a}" for a in kept}
    loaded = {
        t.id
        for node in walked(fn)
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and entry_load(node.value)
        and not known_choice(fn, node.value)
        for t in node.targets
        if isinstance(t, ast.Name)
    }
    elements = loaded_elements(fn)  # ``for ep in sorted(e.load() for e in eps): ep(self)``
    loaded |= elements
    modules |= elements
    if not modules and not any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Call) and entry_load(n.func)
        for n in walked(fn)
    ):
        return
    asked = {g for n in walked(fn) if isinstance(n, ast.Call) and (g := group_of(n))}
    group = next(iter(asked)) if len(asked) == 1 else None
    # ``mod = import_module(f"ns.{name}")`` where no group is asked: a module named by the
    # host's caller or configuration, not by an entry point.
    by_name = set() if asked or asks_entry_points(fn) else _named_modules(fn, loaders) | named
    every = tuple(sorted(asked))
    loops = loop_strings(fn)
    defaults = param_defaults(fn)
    passed = passed_strings(fn, tree)  # OctoPrint's `_get_instance_attribute(attr_load, ...)`
    bound: dict[str, Lookup] = {}
    site = CallSite(fn, tree, host, resolve, callers or {})
    nodes: dict[str, ast.Call] = {}
    """The call each entry of ``calls`` is (``getattr(m, n)(v)`` shares its key with its
    inner ``getattr``: the outer call is the one kept)."""
    calls: dict[str, Lookup] = {}
    """The call whose result is the lookup's result (by position), for how it is used."""
    called = {id(n.func) for n in walked(fn) if isinstance(n, ast.Call)}
    away = narrowed_away(fn)
    for node in walked(fn):
        if narrowed_use(node, away):
            continue
        if isinstance(node, ast.Call) and is_named(node.func, "getattr") and len(node.args) >= 2:
            target, name = node.args[0], node.args[1]
            if _holder(target, kept) not in modules:
                continue
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                names = [name.value]
            elif isinstance(name, ast.Name) and name.id in loops:
                names = loops[name.id]
            elif isinstance(name, ast.Name) and name.id in passed:
                yield from passed_lookups(fn, node, passed[name.id], f"{where}:{node.lineno}")
                continue
            elif isinstance(name, ast.Name) and name.id in defaults:
                names = [defaults[name.id]]  # the default name; a caller may pass another
            else:
                continue
            lookup = Lookup(names, f"{where}:{node.lineno}", optional=len(node.args) > 2)
            lookup.by_name = _holder(target, kept) in by_name
            bound[call_key(node)] = lookup
            yield lookup
        elif (
            isinstance(node, ast.Call)
            and (helped := helper_read(node, tree)) is not None
            and _holder(helped.holder, kept) in modules
        ):
            # Tutor's `get_callable_attr(self.obj, "config", {})`: read, called when callable.
            yield Lookup([helped.name], f"{where}:{node.lineno}", helped.optional, read=True)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and (holder := _holder(node.func.value, kept)) in modules
            and node.func.attr not in EVERY_MODULE_HAS
        ):
            lookup = Lookup([node.func.attr], f"{where}:{node.lineno}", args=call_args(node))
            lookup.by_name = holder in by_name
            lookup.optional = _guarded(fn, node, node.func.attr, str(holder), held) or _caught(
                fn, node
            )
            calls[call_key(node)], nodes[call_key(node)] = lookup, node
            yield lookup
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Load)
            and id(node) not in called
            and not node.attr.startswith("__")
            and (holder := _holder(node.value, kept)) in modules
            and holder not in by_name
        ):
            # ``module.API_NAME`` (OpenStackClient): a value the host reads, never calls here,
            # on a module an entry point names. Not on one imported by a computed name: IPython
            # reads ``mod.inputhook`` of its own ``pt_inputhooks.<gui>`` modules that way.
            lookup = Lookup([node.attr], f"{where}:{node.lineno}", read=True)
            lookup.optional = _guarded(fn, node, node.attr, str(holder), held) or _caught(fn, node)
            yield lookup
    # ``hook = getattr(module, name, None)`` then ``hook(registry)``, or ``getattr(m, n)(v)``:
    # the call's arguments.
    assigned: dict[str, Lookup] = {}
    for node in walked(fn):
        # ``setup: SetupFunc | None = getattr(mod, "setup", None)`` (Sphinx) is one too.
        if (
            isinstance(node, ast.Assign | ast.AnnAssign)
            and node.value is not None
            and call_key(node.value) in bound
        ):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if isinstance(target, ast.Name):
                    assigned[target.id] = bound[call_key(node.value)]
    for raised in _raised_when_missing(fn):
        if raised in assigned:
            assigned[raised].optional = False  # the default only leads to the host's own error
    for node in walked(fn):
        if not isinstance(node, ast.Call):
            continue
        hook = None
        if isinstance(node.func, ast.Name):
            hook = assigned.get(node.func.id)
            if node.func.id in modules and node.func.id in loaded:
                # ``plugin = ep.load()`` then ``plugin(registry)``: the object the entry
                # point names is called.
                hook = Lookup([], f"{where}:{node.lineno}", named_object=True)
                hook.group, hook.groups = _looped_group(fn, node, group_of) or (group, every)
                checked = subclass_check(fn, node.func.id, resolve)
                if len(checked) == 1:
                    hook.subclass_of = checked[0]
                hook.subclass_of_any = checked if len(checked) > 1 else ()
                yield hook
        elif call_key(node.func) in bound:
            hook = bound[call_key(node.func)]
        elif isinstance(node.func, ast.Call) and entry_load(node.func):  # ep.load()(options)
            hook = Lookup([], f"{where}:{node.lineno}", named_object=True)
            hook.group, hook.groups = _looped_group(fn, node, group_of) or (group, every)
            yield hook
        if hook is not None and hook.args is None:
            hook.args = call_args(node)
            calls[call_key(node)], nodes[call_key(node)] = hook, node
    for key, lookup in calls.items():
        if lookup.args and "self" in lookup.args and host:
            lookup.host = host
        if lookup.arguments is None:
            lookup.arguments = site.arguments(nodes[key])
    call_results(fn, calls, site)


def _holder(node: ast.expr, kept: frozenset[str]) -> str | None:
    """The name a module is held under: a local name, or ``self.<attribute>`` of ``kept``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and _is_self(node.value) and node.attr in kept:
        return f"self.{node.attr}"
    return None


def _is_self(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "self"


def _caught(fn: ast.FunctionDef | ast.AsyncFunctionDef, node: ast.AST) -> bool:
    """``node`` lies in the body of a ``try`` whose handler names ``AttributeError`` and raises
    nothing: the host copes with a module that lacks the name (jupyter_server's ``try: return
    module._jupyter_server_extension_points()`` / ``except AttributeError: pass``, then the
    older name, then a default). A broad ``except Exception`` only drops a plugin that fails,
    and a handler that raises its own error refuses the plugin: no allowance."""
    for stmt in walked(fn):
        if not isinstance(stmt, ast.Try) or not any(
            n is node for body in stmt.body for n in walked(body)
        ):
            continue
        for handler in stmt.handlers:
            kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
            if any(k is not None and dotted(k) == "AttributeError" for k in kinds):
                return not any(isinstance(n, ast.Raise) for n in walked(handler))
    return False


def _guarded(
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    call: ast.AST,
    name: str,
    holder: str,
    held: Held | None,
) -> bool:
    """``if hasattr(mod, "setup"): mod.setup(bot)``, or Sopel's ``if self.has_setup():`` (a
    method returning that test): the host uses the name only where the module has it, and
    does nothing else without it (no ``else``, no ``return True`` telling its caller: IPython's
    ``_call_load_ipython_extension``, whose caller says "not an IPython extension"), or hands
    back what the name gave and loads the module another way without it (:mod:`.fallbacks`)."""
    guards = held.guards if held is not None else {}
    for node in walked(fn):
        if not isinstance(node, ast.If) or not any(
            n is call for stmt in node.body for n in walked(stmt)
        ):
            continue
        if (
            node.orelse
            or any(isinstance(n, ast.Return | ast.Raise) for s in node.body for n in walked(s))
        ) and not falls_back(fn, node, call):
            return False
        test = node.test
        if has_name(test, {holder}) == name:
            return True
        if (
            isinstance(test, ast.Call)
            and isinstance(test.func, ast.Attribute)
            and _is_self(test.func.value)
            and guards.get(test.func.attr) == name
        ):
            return True
    return False


def _looped_group(
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    node: ast.AST,
    group_of: Callable[[ast.Call], str | None],
) -> tuple[str, tuple[str, ...]] | None:
    """The group of the innermost ``for ep in entry_points(group=G)`` loop around ``node``,
    when there is one: a host that asks for several groups in one function (OpenTelemetry's
    pre-instrument, instrumentor and post-instrument loops) calls each loop's objects its own
    way."""
    line = getattr(node, "lineno", 0)
    around = [
        (loop.lineno, g)
        for loop in walked(fn)
        if isinstance(loop, ast.For | ast.AsyncFor)
        and isinstance(loop.iter, ast.Call)
        and (g := group_of(loop.iter))
        and loop.lineno <= line <= (loop.end_lineno or loop.lineno)
    ]
    if not around:
        return None
    group = max(around)[1]
    return group, (group,)


def subclass_check(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, name: str, resolve: Callable[[str], str | None]
) -> tuple[str, ...]:
    """``module:Class`` of ``issubclass(name, Class)`` in ``fn``, when the host checks so (each
    of a tuple's classes: ``issubclass(name, (A, B))``); ``()`` when it does not."""
    for node in walked(fn):
        if (
            isinstance(node, ast.Call)
            and is_named(node.func, "issubclass")
            and len(node.args) == 2
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id == name
        ):
            given = node.args[1]
            classes = given.elts if isinstance(given, ast.Tuple) else [given]
            refs = [resolve(dotted(c)) for c in classes]
            if refs and all(ref is not None and ":" in ref for ref in refs):
                return tuple(ref for ref in refs if ref is not None)
    return ()


def _named_modules(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, loaders: frozenset[str] = frozenset()
) -> set[str]:
    """Names ``fn`` binds to a module it imports by name (``import_module(name)``,
    ``__import__(name)``, ``load_module_from_name(name)``: a loader given an argument; a host
    function of ``loaders`` that imports the name it is given, Pyramid's ``maybe_dotted``; or
    ``__import__(name)`` then ``mod = sys.modules[name]``, as Flask's ``locate_app`` and
    coverage's plugin loader do), and ``inspect.getmodule`` of one."""
    by_name = [
        n
        for n in walked(fn)
        if isinstance(n, ast.Call)
        and _loads(n)
        and (n.args or _given_a_path(n))
        and not entry_load(n)
        and not known_choice(fn, n)
    ]
    named = {
        t.id
        for node in walked(fn)
        if isinstance(node, ast.Assign)
        and (
            (isinstance(node.value, ast.Call) and node.value in by_name)
            or (
                by_name
                and isinstance(node.value, ast.Subscript)
                and dotted(node.value.value) == "sys.modules"
            )
        )
        for t in node.targets
        if isinstance(t, ast.Name)
    }
    bound, kept = helper_bound(fn, loaders)
    return named | kept | module_of(list(walked(fn)), named | bound)


def _given_a_path(call: ast.Call) -> bool:
    """``SourceFileLoader(name, path).load_module()``: a loader built with the file it loads
    (Sceptre's Python templates, a user's file with ``sceptre_handler``), no entry point's."""
    return (
        isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Call)
        and bool(call.func.value.args or call.func.value.keywords)
    )


def asks_entry_points(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """``fn`` reads entry points (``entry_points(...)``, ``ep.module``/``ep.value``): a module
    it imports by name may be one an entry point names."""
    return any(
        (
            isinstance(n, ast.Call)
            and (is_named(n.func, "entry_points") or is_named(n.func, "iter_entry_points"))
        )
        or (isinstance(n, ast.Attribute) and n.attr in ("module", "value", "module_name"))
        for n in walked(fn)
    )


def _raised_when_missing(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[str]:
    """Names the host raises on when they are empty: ``if not hook: raise ...`` or
    ``if hook is None: raise ...`` (coverage's ``coverage_init`` lookup)."""
    for node in walked(fn):
        if not (isinstance(node, ast.If) and isinstance(node.body[0], ast.Raise)):
            continue
        test = node.test
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            test = test.operand
        elif (
            isinstance(test, ast.Compare)
            and isinstance(test.ops[0], ast.Is)
            and isinstance(test.comparators[0], ast.Constant)
            and test.comparators[0].value is None
        ):
            test = test.left
        else:
            continue
        if isinstance(test, ast.Name):
            yield test.id


def call_results(
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    calls: dict[str, Lookup],
    site: CallSite,
) -> None:
    """What the host does with each call's result: drops it (an expression statement), or
    checks it with ``isinstance``/``issubclass`` against a class of its own (and what it
    passes when it then instantiates a class it checked with ``issubclass``)."""
    results: dict[str, Lookup] = {}
    for node in walked(fn):
        if isinstance(node, ast.Expr) and call_key(node.value) in calls:
            calls[call_key(node.value)].returns = "any"
        elif isinstance(node, ast.Return) and node.value and call_key(node.value) in calls:
            calls[call_key(node.value)].returned_by = fn.name  # its caller uses the result
        elif isinstance(node, ast.Assign) and call_key(node.value) in calls:
            for target in node.targets:
                if isinstance(target, ast.Name):
                    results[target.id] = calls[call_key(node.value)]
    for node in walked(fn):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("isinstance", "issubclass")
            and len(node.args) == 2
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in results
        ):
            ref = site.resolve(dotted(node.args[1]))
            lookup = results[node.args[0].id]
            if ref is not None and lookup.return_type is None:
                lookup.returns = "instance" if node.func.id == "isinstance" else "subclass"
                lookup.return_type = ref
                if lookup.named_object and lookup.returns == "instance" and ":" in ref:
                    # ``obj = ep.load()(self)``, ``isinstance(obj, Base)``: a class the host
                    # builds and checks; the methods it calls on ``obj`` follow.
                    lookup.use = Use(ref, f"{lookup.where.rpartition(':')[0]}:{node.lineno}")
    built = [
        lookup
        for lookup in results.values()
        if lookup.named_object and lookup.subclass_of and lookup.return_type is None
    ]
    for lookup in built:
        # ``cls = ep.load()``, ``issubclass(cls, Extension)``, ``ext = cls()`` (Mopidy): an
        # instance of the class checked; the methods the host calls on ``ext`` follow.
        lookup.use = Use(lookup.subclass_of, lookup.where)
    _called_on(fn, results, site)
    for lookup in built:
        if lookup.use and lookup.use.calls:
            lookup.returns, lookup.return_type = "instance", lookup.subclass_of
        else:
            lookup.use = None  # built and called nothing on here: the call alone is judged
    for node in walked(fn):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            made = results.get(node.func.id)
            if made is not None and made.returns == "subclass" and made.instantiated is None:
                made.instantiated = site.arguments(node)


def _called_on(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, results: dict[str, Lookup], site: CallSite
) -> None:
    """The public methods the host calls, in order, on an object it built from an entry point
    and checked (``obj.format(text, 72)``): the lifecycle's calls."""
    for node in sorted(
        (n for n in walked(fn) if isinstance(n, ast.Call)), key=lambda n: (n.lineno, n.col_offset)
    ):
        func = node.func
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
            continue
        made = results.get(func.value.id)
        if made is None or made.use is None or not made.named_object or func.attr.startswith("_"):
            continue
        where = f"{made.where.rpartition(':')[0]}:{node.lineno}"
        made.use.calls.append(MethodCall(func.attr, site.arguments(node), where))


def class_picks(
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    where: str,
    tree: ast.Module,
    resolve: Callable[[str], str | None],
    constants: dict[str, str],
    loaders: frozenset[str] = frozenset(),
) -> Iterator[ClassPick]:
    """beets' shape: the host imports a plugin module and builds the classes it defines that
    subclass its base (``for obj in reversed(module.__dict__.values()): if issubclass(obj,
    BeetsPlugin) ...: return obj()``), naming no export."""
    modules = _module_vars(fn, tree, set(loaders))
    for loop in walked(fn):
        if not (isinstance(loop, ast.For) and isinstance(loop.target, ast.Name)):
            continue
        source, reverse = loop.iter, False
        while isinstance(source, ast.Call) and dotted(source.func) in ("reversed", "list"):
            reverse ^= dotted(source.func) == "reversed"
            source = source.args[0] if source.args else source
        spelled = dotted(source.func) if isinstance(source, ast.Call) else ""
        owner = spelled.removesuffix(".__dict__.values").removesuffix(".values")
        if isinstance(source, ast.Call) and spelled.endswith(".values"):
            inner = source.func.value if isinstance(source.func, ast.Attribute) else None
            if isinstance(inner, ast.Call) and dotted(inner.func) == "vars" and inner.args:
                owner = dotted(inner.args[0])
        if owner not in modules:
            continue
        name = loop.target.id
        base = next(
            (
                resolve(dotted(n.args[1]))
                for n in walked(loop)
                if isinstance(n, ast.Call)
                and dotted(n.func) == "issubclass"
                and len(n.args) == 2
                and isinstance(n.args[0], ast.Name)
                and n.args[0].id == name
            ),
            None,
        )
        if base is None or ":" not in base:
            continue
        returns = any(isinstance(n, ast.Return) for n in walked(loop))
        pick = ("last" if reverse else "first") if returns else "every"
        built = next(
            (
                n
                for n in walked(loop)
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name
            ),
            None,
        )
        made = CallSite(fn, tree, None, resolve).arguments(built) if built else None
        namespace = plugin_namespace(fn, constants)
        here = reads_module_of(loop, name)
        yield ClassPick(base, pick, f"{where}:{loop.lineno}", made, namespace, defined_here=here)


def plugin_namespace(fn: ast.AST, constants: dict[str, str]) -> str | None:
    """``import_module(f"{PLUGIN_NAMESPACE}.{name}")`` / ``"beetsplug." + name``: the package
    the host imports plugin modules under."""
    for call in walked(fn):
        if not (isinstance(call, ast.Call) and _loads(call) and call.args):
            continue
        arg = call.args[0]
        if isinstance(arg, ast.JoinedStr):
            head = "".join(
                str(v.value)
                if isinstance(v, ast.Constant)
                else constants.get(v.value.id, "\0")
                if isinstance(v, ast.FormattedValue) and isinstance(v.value, ast.Name)
                else "\0"
                for v in arg.values[:-1]
            )
        elif isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add):
            left = arg.left
            head = string_value(left, constants) or "\0" if isinstance(left, ast.expr) else "\0"
        else:
            continue
        if head.endswith(".") and "\0" not in head:
            return head[:-1]
    return None
