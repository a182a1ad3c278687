"""The names a plugin object offers ``register``: module and class namespaces as they stand
after import, read from source (dead branches, ``del``, decorators and marker calls)."""

from __future__ import annotations

import ast
import builtins
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from plugcheck.static.applied import (
    ATTRIBUTE_COPIERS,
    FUNCTION_TYPES,
    PARTIALS,
    UNROLLED,
    accessed,
    applied_by_hand,
    call_keywords,
    constant_str,
    hand_marked,
    imported_as,
    is_globals,
    literal_items,
    made_namespace,
    marked_with,
    placed,
    remade,
    sets_globals,
    this_module,
)
from plugcheck.static.bindings import (
    ANY_TARGET,
    UNKNOWN,
    Binding,
    ClassValue,
    Foreign,
    Instance,
    Mark,
    ModuleRef,
    NotFunction,
    Preset,
    Routine,
    Skipped,
    Target,
    Value,
)
from plugcheck.static.branches import decide, match_arms
from plugcheck.static.class_decorated import class_bound
from plugcheck.static.class_exports import copied_out
from plugcheck.static.enum_members import is_member
from plugcheck.static.import_module import imported_base
from plugcheck.static.import_outcome import ImportOutcomes
from plugcheck.static.index import ModuleIndex
from plugcheck.static.made_at_import import built_by, evaluated, executed
from plugcheck.static.marking import Marking
from plugcheck.static.metaclass_lookup import metaclass_served
from plugcheck.static.parse import ModuleInfo, dotted_name, target_names
from plugcheck.static.picked import is_partial, loop_items, picked, unpacked
from plugcheck.static.resolve import (
    module_file,
    own_nodes,
)
from plugcheck.static.syntax import mangled, suppressing
from plugcheck.static.version_gate import version_gate


@dataclass(frozen=True, slots=True)
class Shadow:
    """An undecided ``if`` whose ``else`` rebinds names its body binds: read with both branches
    run, the body's bindings of ``names`` are lost, yet they are what holds where the test is
    true. ``key`` names the ``if`` for :attr:`Namespaces.assumed`."""

    key: tuple[Path, int, int]
    test: ast.expr
    names: frozenset[str]
    orelse: tuple[int, int]
    """The first and last lines of the ``else`` (where the names' other bindings are)."""

    def when(self, holds: bool) -> str:
        """The condition under which one branch's bindings hold, for a finding's message."""
        return f"`{ast.unparse(self.test)[:80]}` is {'true' if holds else 'false'}"


class Namespaces(ImportOutcomes, Marking):
    """Module and class namespaces as they stand after import: dead branches skipped (``if
    TYPE_CHECKING:``, version and platform tests decided for the target), ``del`` honoured, the
    last binding winning, imports and star imports from the plugin's own files followed."""

    def __init__(
        self,
        index: ModuleIndex,
        roots: Sequence[Path],
        own: Sequence[Path],
        project: str,
        target: Target = ANY_TARGET,
        missing: Callable[[str], bool] | None = None,
        assumed: Mapping[tuple[Path, int, int], bool] | None = None,
    ) -> None:
        self.index = index
        self.roots = roots
        self.own = {index.real(p) for p in own}
        self.project = project
        self.target = target
        self.missing = missing
        """Whether a module is certainly not installed in the target environment."""
        self._modules: dict[Path, dict[str, Binding]] = {}
        self.unread: dict[Path, tuple[int, str]] = {}
        """Modules that run code source cannot read (``exec(code)``): where, shown."""
        self._busy: set[Path] = set()
        self.assumed = assumed or {}
        """Undecided ``if`` tests taken as decided (:attr:`Shadow.key`): one alternative."""
        self.shadows: dict[tuple[Path, int, int], Shadow] = {}
        """The undecided ``if`` tests read so far whose ``else`` rebinds their body's names."""

    def module(self, info: ModuleInfo) -> dict[str, Binding]:
        key = self.index.real(info.path)
        if key in self._modules:
            return self._modules[key]
        if key in self._busy or info.tree is None:
            return {}
        self._busy.add(key)
        names: dict[str, Binding] = {}
        self._body(info, info.tree.body, names, names, in_class=False)
        self._busy.discard(key)
        self._modules[key] = names
        return names

    def class_namespace(
        self, cls: ClassValue, depth: int = 0, outer: dict[str, Binding] | None = None
    ) -> dict[str, Binding]:
        """``dir(cls)`` restricted to what source shows: its body, then its own bases'.
        ``outer``: the names of the module being read, when the class is used in its body."""
        busy = self.index.real(cls.module.path) in self._busy
        module_names = outer if outer is not None and busy else self.module(cls.module)
        body: dict[str, Binding] = {}
        self._body(cls.module, cls.node.body, body, module_names, in_class=True)
        # the class's private names are its attributes `_Cls__x` (name mangling)
        names = {mangled(name, cls.node.name): binding for name, binding in body.items()}
        for name, binding in names.items():
            if isinstance(binding, Routine) and binding.in_class and binding.owner is None:
                names[name] = replace(binding, owner=cls.node.name)
        if depth < 10:
            for base in cls.node.bases:
                found = self.lookup(module_names, dotted_name(base) or "")
                if isinstance(found, ClassValue):
                    # a base of the same module sees the names read so far, as this class does
                    same = found.module.path == cls.module.path
                    inherited = self.class_namespace(
                        found, depth + 1, module_names if same else None
                    )
                    for name, binding in inherited.items():
                        names.setdefault(name, binding)
        return names

    def lookup(self, names: dict[str, Binding], dotted: str) -> Binding | None:
        head, *rest = dotted.split(".") if dotted else [""]
        found: Binding | None = names.get(head)
        for part in rest:
            if isinstance(found, ClassValue) and found.node.decorator_list:
                # what its attributes are read from: the plugin's own class decorator may have
                # handed back an instance (`return cls()`), None or something else
                busy = self.index.real(found.module.path) in self._busy
                found = class_bound(self, found, names if busy else self.module(found.module))
            if isinstance(found, Instance):
                found = accessed(self.class_namespace(found.cls, outer=names).get(part), bound=True)
            elif isinstance(found, ClassValue):
                if is_member(self, found, part, names):
                    found = Instance(found)  # Hooks.ONLY: an instance of the enumeration
                    continue
                got = self.class_namespace(found, outer=names).get(part)
                found = accessed(got or metaclass_served(self, found, part, names), bound=False)
            elif isinstance(found, Value) and found.attributes:
                found = dict(found.attributes).get(part)
            elif isinstance(found, ModuleRef) and found.info is not None:
                package = found.info
                found = self.module(package).get(part)
                if found is None and package.path.name == "__init__.py":
                    sub = module_file(self.index, package.path.parent / part)
                    found = ModuleRef(f"{package.path.parent.name}.{part}", sub) if sub else None
            else:
                return None
        return found

    def _own_module(self, dotted: str) -> ModuleInfo | None:
        path = self.index.find_module(dotted, self.roots)
        info = self.index.info(path) if path else None
        return info if info is not None and self.index.real(info.path) in self.own else None

    # -- statements

    def _body(
        self,
        info: ModuleInfo,
        body: Sequence[ast.stmt],
        names: dict[str, Binding],
        outer: dict[str, Binding],
        *,
        in_class: bool,
    ) -> None:
        for stmt in body:
            self._statement(info, stmt, names, outer, in_class=in_class)

    def _statement(
        self,
        info: ModuleInfo,
        stmt: ast.stmt,
        names: dict[str, Binding],
        outer: dict[str, Binding],
        *,
        in_class: bool,
    ) -> None:
        scope = {**outer, **names} if in_class else names
        run = None if in_class else executed(stmt, scope)
        if isinstance(run, str):
            self.unread.setdefault(self.index.real(info.path), (stmt.lineno, run))
        elif run is not None:  # exec("def dh_x(...): ...") defines what the def would
            space = names if run.into is None else self._table(info, scope.get(run.into), scope)
            self._body(info, run.statements, space, space, in_class=False)
            if run.into is not None:  # exec(code, _ns): in the dict, not the module
                names[run.into] = Value(items=tuple(space.items()))
            return
        match stmt:
            case ast.FunctionDef() | ast.AsyncFunctionDef():
                routine: Binding = Routine(stmt, info, in_class=in_class)
                for decorator in reversed(stmt.decorator_list):
                    routine = self.apply(info, decorator, routine, scope)
                names[stmt.name] = placed(routine, info, stmt)
            case ast.ClassDef():
                names[stmt.name] = ClassValue(stmt, info, self._class_mark(info, stmt, scope))
                names.update(copied_out(self, info, stmt, {**scope, **names}))
            case ast.Import():
                for alias in stmt.names:
                    bound = alias.asname or alias.name.partition(".")[0]
                    dotted = alias.name if alias.asname else bound
                    names[bound] = ModuleRef(dotted, self._own_module(dotted))
            case ast.ImportFrom():
                names.update(self.submodule_bound(info, stmt, in_class=in_class))
                for alias in stmt.names:
                    if alias.name == "*":
                        self._star(info, stmt, names)
                    else:
                        names[alias.asname or alias.name] = self.imported(info, stmt, alias.name)
            case ast.Assign(targets=[ast.Subscript(value=ast.Call() as call, slice=key)]) if (
                is_globals(call) and (name := constant_str(key, scope)) is not None
            ):
                names[name] = self.value(info, stmt.value, scope)  # globals()["name"] = x
            case ast.Expr(value=ast.Call(func=ast.Name(id="setattr"), args=[obj, key, given])) if (
                not in_class
                and "setattr" not in scope
                and this_module(obj, scope)
                and (name := constant_str(key, scope)) is not None
            ):
                names[name] = self.value(info, given, scope)  # setattr(sys.modules[__name__], ..)
            case ast.Expr(value=ast.Call(func=ast.Name(id=called), args=[], keywords=[])) if (
                not in_class and sets_globals(scope.get(called), info)
            ):
                self._globals_set_by(info, scope[called], names)  # def _setup(): global x
            case ast.Expr(
                value=ast.Call(func=ast.Attribute(value=ast.Call() as call, attr="update"))
            ) if is_globals(call) and not in_class:
                assert isinstance(stmt.value, ast.Call)
                updates = [(k.arg, k.value) for k in stmt.value.keywords if k.arg]
                for table in stmt.value.args:  # globals().update({"name": x})
                    if isinstance(table, ast.Dict):
                        updates += literal_items(table, scope)
                for updated, update in updates:  # globals().update(name=x)
                    names[updated] = self.value(info, update, scope)
            case ast.Expr(
                value=ast.Call(
                    func=ast.Attribute(value=ast.Call() as call, attr="setdefault"),
                    args=[key, given],
                )
            ) if is_globals(call) and not in_class and (name := constant_str(key, scope)):
                if name not in names:  # globals().setdefault("name", x): only a name not bound
                    names[name] = self.value(info, given, scope)
            case (
                ast.Expr(
                    value=ast.Call(
                        func=ast.Attribute(value=ast.Call() as call, attr="pop"), args=[key, *_]
                    )
                )
                | ast.Delete(targets=[ast.Subscript(value=ast.Call() as call, slice=key)])
            ) if is_globals(call) and not in_class and (name := constant_str(key, scope)):
                names.pop(name, None)  # globals().pop("name"), del globals()["name"]
            case ast.Assign(targets=[ast.Attribute()]) if (
                hand := hand_marked(stmt, names, self.project)
            )[0]:
                names[hand[0]] = hand[1]  # f.<project>_impl = {...}: marked by hand
            case ast.Assign() | ast.AnnAssign() if stmt.value is not None:
                value = self.value(info, stmt.value, scope)
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        names[target.id] = value
                    elif (pairs := unpacked(target, stmt.value)) is not None:
                        each = [(n, self.value(info, e, scope) if e else UNKNOWN) for n, e in pairs]
                        names.update(each)  # a, b = f, g: each its own
                    else:
                        for name in target_names(target):
                            names[name] = UNKNOWN
            case ast.AugAssign(target=ast.Name(id=name)):
                names[name] = UNKNOWN
            case ast.Delete():
                for target in stmt.targets:
                    for name in target_names(target) if isinstance(target, ast.Name) else ():
                        names.pop(name, None)
            case ast.If():
                branch = (self.index.real(info.path), stmt.lineno, stmt.col_offset)
                decided = self.assumed.get(branch)
                if decided is None:
                    decided = decide(stmt.test, scope, self.target, probe=self.host_attribute)
                if decided is None and stmt.orelse and not version_gate(stmt.test, info):
                    self._alternatives(info, stmt, branch, names, outer, in_class=in_class)
                    return
                if decided is not False:
                    self._body(info, stmt.body, names, outer, in_class=in_class)
                if decided is not True:
                    self._body(info, stmt.orelse, names, outer, in_class=in_class)
            case ast.Try() | ast.TryStar():
                # `try: import x / except ImportError: fallback`: when every import resolves,
                # the fallback never runs (a marker imported with a stand-in for old hosts).
                # When an import is certainly not installed, only the fallback runs.
                handlers = [h.body for h in stmt.handlers]
                outcome = self._import_outcome(info, stmt.handlers, stmt.body)
                parts = [stmt.body, *handlers, stmt.orelse]
                if outcome is not None:
                    ran, failed = outcome
                    parts = [ran, *handlers] if failed else [ran, stmt.orelse]
                for part in [*parts, stmt.finalbody]:
                    self._body(info, part, names, outer, in_class=in_class)
            case ast.With() | ast.AsyncWith():
                # `with suppress(ImportError):` stops at a failing import too
                outcome = self._import_outcome(info, suppressing(stmt), stmt.body)
                ran = stmt.body if outcome is None else outcome[0]
                self._body(info, ran, names, outer, in_class=in_class)
            case ast.For(target=ast.Name(id=var), iter=ast.Tuple() | ast.List() as items) if len(
                items.elts
            ) <= UNROLLED and all(isinstance(e, ast.Constant) for e in items.elts):
                for item in items.elts:  # for name in ("a", "b"): each pass, in order
                    names[var] = Value(item)
                    self._body(info, stmt.body, names, outer, in_class=in_class)
                self._body(info, stmt.orelse, names, outer, in_class=in_class)
            case ast.For(target=ast.Tuple() as loop_target) if (
                passes := loop_items(stmt)
            ) is not None:
                for item in passes:  # for name, fn in (("a", f), ("b", g)): each pass, in order
                    per = unpacked(loop_target, item) or []
                    this = [(n, self.value(info, e, names) if e else UNKNOWN) for n, e in per]
                    names.update(this)
                    self._body(info, stmt.body, names, outer, in_class=in_class)
                self._body(info, stmt.orelse, names, outer, in_class=in_class)
            case ast.For() | ast.AsyncFor() | ast.While():
                if (
                    not isinstance(stmt, ast.While)
                    or decide(stmt.test, scope, self.target, probe=self.host_attribute) is not False
                ):
                    self._body(info, stmt.body, names, outer, in_class=in_class)  # `while False:`
                self._body(info, stmt.orelse, names, outer, in_class=in_class)
            case ast.Match():
                for arm in match_arms(stmt, scope, self.target):
                    self._body(info, arm, names, outer, in_class=in_class)

    def _alternatives(
        self,
        info: ModuleInfo,
        stmt: ast.If,
        key: tuple[Path, int, int],
        names: dict[str, Binding],
        outer: dict[str, Binding],
        *,
        in_class: bool,
    ) -> None:
        """Both branches of an undecided ``if``, one after the other (the ``else``'s bindings
        win), noting the body's bindings the ``else`` replaces: a check reads them again with
        the test assumed true (:attr:`assumed`)."""
        before = dict(names)
        self._body(info, stmt.body, names, outer, in_class=in_class)
        taken = {n: b for n, b in names.items() if before.get(n) is not b}
        self._body(info, stmt.orelse, names, outer, in_class=in_class)
        lost = frozenset(n for n, b in taken.items() if names.get(n) is not b)
        if lost:
            last = max(getattr(s, "end_lineno", None) or s.lineno for s in stmt.orelse)
            self.shadows.setdefault(
                key, Shadow(key, stmt.test, lost, (stmt.orelse[0].lineno, last))
            )

    def _globals_set_by(self, info: ModuleInfo, called: Binding, names: dict[str, Binding]) -> None:
        """A module-level call of the module's own function that declares names ``global``:
        what its body binds to them."""
        assert isinstance(called, Routine) and isinstance(called.node, ast.FunctionDef)
        declared = {
            name
            for node in own_nodes(called.node)
            if isinstance(node, ast.Global)
            for name in node.names
        }
        local = dict(names)
        self._body(info, called.node.body, local, local, in_class=False)
        for name in declared:
            if name in local:
                names[name] = local[name]
            else:
                names.pop(name, None)

    def _table(
        self, info: ModuleInfo, found: Binding | None, scope: dict[str, Binding]
    ) -> dict[str, Binding]:
        """What a dict ``exec`` runs code in holds: a literal's string keys, or what an
        earlier ``exec`` left in it."""
        if isinstance(found, Value) and isinstance(found.expr, ast.Dict):
            return {k: self.value(info, v, scope) for k, v in literal_items(found.expr, scope)}
        return dict(found.items) if isinstance(found, Value) else {}

    def imported(self, info: ModuleInfo, node: ast.ImportFrom, name: str) -> Binding:
        source = self._import_source(info, node)
        dotted = "." * node.level + (node.module or "")
        if source is None or self.index.real(source.path) not in self.own:
            return Foreign(dotted, name)
        found = self.module(source).get(name)
        if found is not None:
            return found
        if source.path.name == "__init__.py" and module_file(self.index, source.path.parent / name):
            return ModuleRef(f"{dotted}.{name}", module_file(self.index, source.path.parent / name))
        return UNKNOWN

    def _star(self, info: ModuleInfo, node: ast.ImportFrom, names: dict[str, Binding]) -> None:
        source = self._import_source(info, node)
        if source is None or self.index.real(source.path) not in self.own:
            return
        exported = self.module(source)
        public = (
            source.all_names
            if source.all_names is not None and not source.all_dynamic
            else [n for n in exported if not n.startswith("_")]
        )
        for name in public:
            if name in exported:
                names[name] = exported[name]

    # -- expressions

    def value(self, info: ModuleInfo, expr: ast.expr, scope: dict[str, Binding]) -> Binding:
        """What evaluating ``expr`` binds: a routine (marked or not), a class, an instance..."""
        chosen = picked(expr, scope, self.target)  # `a if c else b`, `MARKS["first"]`
        if chosen is not None:
            project = self.marker(info, chosen, scope)
            if project is None:
                return self.value(info, chosen, scope)
            return Preset(Mark({}) if project == self.project else None)
        match expr:
            case ast.Lambda():
                return Routine(expr, info)
            case ast.Call(func=ast.Name(id=name), args=[_], keywords=[]) if (
                name in _PLAIN_VALUES and name not in scope
            ):
                return Value(expr)  # `V = tuple(...)`: a version the branch decider may read
            case ast.Call(func=func, args=[partial_of]) if (
                is_partial(func, scope)
                and (project := self.marker(info, partial_of, scope)) is not None
            ):  # functools.partial(hookimpl, tryfirst=True)
                return Preset(Mark(call_keywords(expr)) if project == self.project else None)
            case (
                ast.Call(func=ast.Call(func=wrap), args=[held])
                | ast.Call(func=wrap, args=[held, _])
            ) if imported_as(dotted_name(wrap) or "", scope) in ATTRIBUTE_COPIERS and isinstance(
                skipped := self.value(info, held, scope), Skipped
            ):  # functools.wraps(f)(partial(...)), update_wrapper(partial(...), f): the partial
                return skipped
            case ast.Call(func=func, args=[_, *_]) if (
                made := imported_as(dotted_name(func) or "", scope)
            ) in PARTIALS:
                return Skipped(f"a {made} object", routine_to_old=made != "functools.partial")
            case ast.Call(args=[ast.Attribute(value=source, attr="__code__"), *_]) if (
                imported_as(dotted_name(expr.func) or "", scope) in FUNCTION_TYPES
            ):  # types.FunctionType(f.__code__, globals(), "name")
                return remade(expr, self.value(info, source, scope))
            case ast.Call() if (base := imported_base(expr, info.path)) is not None:
                sub = module_file(self.index, base)  # import_module(".hooks", __name__)
                return ModuleRef(f"{base.parent.name}.{base.name}", sub) if sub else UNKNOWN
            case ast.Name(id=name):
                if name not in scope and isinstance(
                    getattr(builtins, name, None), types.BuiltinFunctionType
                ):
                    return NotFunction(f"the builtin {name}()")
                return scope.get(name, UNKNOWN)
            case ast.Attribute(value=ast.Call() as made, attr=attr):
                made_of = self.value(info, made, scope)  # Impl().method: a bound method
                if isinstance(made_of, ModuleRef) and made_of.info is not None:
                    # import_module(".impl", __package__).hook: the module's own binding
                    return self.module(made_of.info).get(attr, UNKNOWN)
                found = (
                    accessed(self.class_namespace(made_of.cls, outer=scope).get(attr), bound=True)
                    if isinstance(made_of, Instance)
                    else None
                )
                return found if isinstance(found, Routine) else UNKNOWN
            case ast.Attribute():
                dotted = dotted_name(expr) or ""
                found = self.lookup(scope, dotted)
                if isinstance(found, Routine | ClassValue):
                    return found
                head, _, rest = dotted.partition(".")
                outside = scope.get(head)
                if isinstance(outside, ModuleRef) and outside.module_name() and rest:
                    # `os.path.join`: a name of a module from outside the plugin
                    module, _, last = f"{outside.name}.{rest}".rpartition(".")
                    return Foreign(module, last)
                return UNKNOWN
            case ast.Call(func=func, args=[]) if (
                project := self.marker(info, func, scope)
            ) is not None:
                return Preset(Mark(call_keywords(expr)) if project == self.project else None)
            case ast.Call(func=ast.Name(id="eval")) if "eval" not in scope and (
                code := evaluated(expr, scope)
            ):
                return self.value(info, code, scope)  # eval("lambda page: ...")
            case ast.Subscript(value=ast.Name(id=table), slice=key) if (
                isinstance(filled := scope.get(table), Value)
                and filled.items
                and (got := constant_str(key, scope))
            ):
                return dict(filled.items).get(got, UNKNOWN)  # _ns["dh_render"] after exec
            case ast.Call(func=func, args=[arg], keywords=keywords):
                applied = self.marker_application(info, expr, scope)
                if applied is not None:
                    mark, target = applied
                    inner = self.value(info, target, scope)
                    return placed(marked_with(inner, mark), info, expr)
                called = self.value(info, func, scope)
                argument = self.value(info, arg, scope)
                if not keywords and not isinstance(called, ClassValue | Routine):
                    # `x = contextmanager(f)`: a decorator applied by hand.
                    return applied_by_hand(called, self.apply(info, func, argument, scope))
                if isinstance(called, Routine) and not keywords and isinstance(argument, Routine):
                    return self.apply(info, func, argument, scope)
            case ast.Call(func=ast.Name(id="getattr"), args=[obj, key]) if (
                "getattr" not in scope and (got := constant_str(key, scope)) is not None
            ):
                return self.value(info, ast.Attribute(value=obj, attr=got, ctx=ast.Load()), scope)
            case ast.Constant() | ast.Compare() | ast.BoolOp() | ast.UnaryOp() | ast.Dict():
                return Value(expr)
            case ast.Call() if (space := made_namespace(expr, scope, self.value, info)) is not None:
                return space  # types.SimpleNamespace(render=_render)
            case ast.Subscript() if this_module(expr, scope):
                return Value(expr)
        if isinstance(expr, ast.Call):
            called = self.value(info, expr.func, scope)
            if isinstance(called, Routine) and not called.in_class:
                built = built_by(self, info, called, expr, scope)
                if built is not None:
                    return built
            cls = self.value(info, expr.func, scope)
            if isinstance(expr.func, ast.Subscript):  # `_Plugin[int]()`: typing's alias makes one
                cls = self.value(info, expr.func.value, scope)
                cls = cls if isinstance(cls, ClassValue) and _alias_makes(cls) else UNKNOWN
            if isinstance(cls, ClassValue):
                return Instance(cls)
        return UNKNOWN


_PLAIN_VALUES = frozenset({"tuple", "int", "str", "len"})
"""Builtins whose call makes a plain value, never a routine or a class."""


def _alias_makes(cls: ClassValue) -> bool:
    """Whether calling ``cls[...]`` makes an instance of ``cls``: a generic class (a
    subscripted base), no metaclass, and nothing in its module spells ``__class_getitem__``."""
    module = cls.module
    return (
        any(isinstance(base, ast.Subscript) for base in cls.node.bases)
        and not cls.node.keywords
        and not any(n.name == "__class_getitem__" for n in module.nodes(ast.FunctionDef))
        and not any(n.attr == "__class_getitem__" for n in module.nodes(ast.Attribute))
        and not any(n.id == "__class_getitem__" for n in module.nodes(ast.Name))
    )
