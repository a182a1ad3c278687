"""A lookup, by a literal key, in a registry dict of the plugin's own module that no code of the
plugin can ever store that key in: ``_REGISTRY["Worker"]()`` in code every call of the factory
runs raises KeyError.

The registry is a module name bound once, at the top, to a dict literal with literal keys
(``{}``), that only its own module uses, and only by subscripting it (stores ``N[k] = v``,
reads, ``del``), testing ``in`` it, iterating it or calling a method that adds no key (``get``,
``items``, ``pop``...): never passed on, aliased, updated, rebound or declared ``global``, in a
module that never reaches its names another way (``globals()``, ``exec``...). The keys a store
can put are what can reach its key expression: a literal; a parameter of an
``__init_subclass__`` (the literal class keywords of that name any class of the plugin passes,
and the default); the class-name parameter of a metaclass's ``__new__`` (every class name the
plugin spells, as is or through ``lower()``/``upper()``/``casefold()``); a parameter of a plain
function of the module (or of a function enclosing the store), when every use of that function
in the plugin is a call, or a decorator's, passing a literal there. Any other key, and the
lookup is not judged: the set is an over-estimate, so a key outside it is certainly missing.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.rules.certain_evaluated import evaluated_parts
from plugcheck.rules.enum_lookups import UNKNOWN, LookupRaises, literal
from plugcheck.rules.import_reads import evaluated
from plugcheck.rules.reached import Function, Reader, local_names
from plugcheck.static.function_walk import parameters
from plugcheck.static.parse import ModuleInfo

_ADDS_NO_KEY = frozenset(
    {"get", "keys", "values", "items", "copy", "pop", "popitem", "clear", "__contains__"}
)
_REACHING = frozenset({"globals", "vars", "setattr", "exec", "eval", "__import__", "__dict__"})
_SPELLINGS = {"lower": str.lower, "upper": str.upper, "casefold": str.casefold}
_READERS = frozenset({"len", "list", "sorted", "iter", "tuple", "set", "print", "repr", "bool"})
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def missing_key(reader: Reader, fn: Function, info: ModuleInfo) -> LookupRaises | None:
    """The first lookup every call of ``fn`` evaluates in a registry of ``fn``'s module by a
    key nothing can store there."""
    local = local_names(fn)
    for part, nodes in evaluated_parts(fn):
        # The whole assert, its message too (the parts hold its test alone).
        for node in evaluated(part) if isinstance(part, ast.Assert) else nodes:
            if not (
                isinstance(node, ast.Subscript)
                and isinstance(node.ctx, ast.Load)
                and isinstance(node.value, ast.Name)
                and node.value.id not in local
            ):
                continue
            key = literal(reader, node.slice, info, reader.scope(info))
            if key is UNKNOWN or isinstance(key, bool) or not isinstance(key, str | int):
                continue
            keys = _Registry(reader, info, node.value.id).keys()
            if keys is None or key in keys:
                continue
            name = node.value.id
            shown = ", ".join(repr(k) for k in sorted(keys, key=repr)[:6]) or "none"
            return LookupRaises(
                f"KeyError: {key!r}",
                f"no code of the plugin can store the key {key!r} in {name} (the keys it can "
                f"hold: {shown})",
                f"look {name} up by a key the plugin registers, or register {key!r}",
                node,
                info,
            )
    return None


class _Registry:
    """The keys a registry dict of one module can ever hold, when source tells them all."""

    def __init__(self, reader: Reader, info: ModuleInfo, name: str) -> None:
        self.reader, self.info, self.name = reader, info, name
        self.parents: dict[ast.AST, ast.AST] = {}

    def keys(self) -> set[object] | None:
        info, name = self.info, self.name
        tree = info.tree
        symbol = info.symbols.get(name)
        if tree is None or symbol is None or symbol.conditional:
            return None
        if name in info.redefined or name in info.deleted or not self._closed():
            return None
        bound = [
            (target, s.value)
            for s in tree.body
            if isinstance(s, ast.Assign | ast.AnnAssign)
            for target in (s.targets if isinstance(s, ast.Assign) else [s.target])
            if isinstance(target, ast.Name) and target.id == name
        ]
        if len(bound) != 1:
            return None
        spelled, initial = bound[0]
        if not isinstance(initial, ast.Dict):
            return None
        if not all(isinstance(k, ast.Constant) for k in initial.keys):
            return None  # `**other` unpacked, or a computed key
        keys: set[object] = {k.value for k in initial.keys if isinstance(k, ast.Constant)}
        if self._elsewhere(name):
            return None
        self.parents = {c: p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
        for node in info.nodes(ast.Name):
            if node.id != name or node is spelled:
                continue
            stored = self._use(node)
            if stored is None:
                return None
            for key in stored:
                got = self._values(key)
                if got is None:
                    return None
                keys |= got
        return keys

    def _closed(self) -> bool:
        info = self.info
        if any(n.id in _REACHING for n in info.nodes(ast.Name)):
            return False
        if any(n.attr in _REACHING or n.attr == "modules" for n in info.nodes(ast.Attribute)):
            return False
        if any(self.name in g.names for g in info.nodes(ast.Global)):
            return False
        if any(a.name == "*" for n in info.nodes(ast.ImportFrom) for a in n.names):
            return False  # a star import may bind the name again
        return not any(self.name in g.names for g in info.nodes(ast.Nonlocal))

    def _elsewhere(self, name: str) -> bool:
        """Whether another file of the plugin spells ``name`` (imports or reads it)."""
        for path in self.reader.own_in_order():
            other = self.reader.ctx.index.info(path)
            if other is None or other.tree is None:
                return True
            if other.path == self.info.path:
                continue
            if any(n.id == name for n in other.nodes(ast.Name)):
                return True
            if any(n.attr == name for n in other.nodes(ast.Attribute)):
                return True
            if any(a.name == name for n in other.nodes(ast.ImportFrom) for a in n.names):
                return True
        return False

    def _use(self, node: ast.Name) -> list[ast.expr] | None:
        """The key expressions a use of the registry stores; ``None`` for a use that may add
        keys unseen (or pass the dict on)."""
        if not isinstance(node.ctx, ast.Load):
            return None
        parent = self.parents.get(node)
        if isinstance(parent, ast.Subscript) and parent.value is node:
            if isinstance(parent.ctx, ast.Load | ast.Del):
                return []
            above = self.parents.get(parent)
            if isinstance(above, ast.Assign) and parent in above.targets:
                return [parent.slice]
            if isinstance(above, ast.AugAssign) and above.target is parent:
                return []  # reads the key first: adds none
            return None
        if isinstance(parent, ast.Attribute) and parent.attr in _ADDS_NO_KEY:
            return [] if isinstance(self.parents.get(parent), ast.Call) else None
        if isinstance(parent, ast.Compare) and node in parent.comparators:
            return [] if all(isinstance(o, ast.In | ast.NotIn) for o in parent.ops) else None
        if isinstance(parent, ast.For | ast.comprehension) and parent.iter is node:
            return []
        if (
            isinstance(parent, ast.Call)
            and isinstance(parent.func, ast.Name)
            and parent.func.id in _READERS
            and parent.func.id not in self.reader.scope(self.info)
        ):
            return []
        return None

    def _values(self, key: ast.expr) -> set[object] | None:
        """What ``key`` (a store's key expression) can be."""
        if isinstance(key, ast.Constant) and isinstance(key.value, str | int):
            return {key.value}
        spelled = None
        if (
            isinstance(key, ast.Call)
            and isinstance(key.func, ast.Attribute)
            and key.func.attr in _SPELLINGS
            and not key.args
            and not key.keywords
        ):
            spelled, key = _SPELLINGS[key.func.attr], key.func.value
        if not isinstance(key, ast.Name):
            return None
        found = self._parameter_of(key)
        if found is None:
            return None
        values = self._passed(*found)
        if values is None or spelled is None:
            return values
        if not all(isinstance(v, str) for v in values):
            return None
        return {spelled(v) for v in values if isinstance(v, str)}

    def _parameter_of(self, name: ast.Name) -> tuple[Function, ast.arg] | None:
        """The function whose parameter ``name`` reads, when nothing on the way rebinds it."""
        current: ast.AST | None = self.parents.get(name)
        while current is not None:
            if isinstance(current, _FUNCTIONS):
                if isinstance(current, ast.Lambda):
                    return None
                args = current.args
                every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
                arg = next((a for a in every if a.arg == name.id), None)
                if arg is not None:
                    return (current, arg)
                if name.id in parameters(current) or name.id in local_names(current):
                    return None  # *args, **kwargs, or bound in the body
            current = self.parents.get(current)
        return None

    def _passed(self, fn: Function, arg: ast.arg) -> set[object] | None:
        """Every value the parameter ``arg`` of ``fn`` can be given."""
        if arg.arg in _stored_names(fn):
            return None
        owner = self.parents.get(fn)
        if isinstance(owner, ast.ClassDef) and fn.name == "__init_subclass__":
            return self._class_keywords(fn, arg)
        if isinstance(owner, ast.ClassDef) and fn.name == "__new__":
            return self._class_names(fn, arg, owner)
        if isinstance(owner, ast.Module | ast.FunctionDef) and not fn.decorator_list:
            return self._call_arguments(fn, arg)
        return None

    def _class_keywords(self, fn: Function, arg: ast.arg) -> set[object] | None:
        values = _default(fn, arg)
        if values is None:
            return None
        for cls in self._own_nodes(ast.ClassDef):
            for keyword in cls.keywords if isinstance(cls, ast.ClassDef) else []:
                if keyword.arg is None:
                    return None  # **options
                if keyword.arg != arg.arg:
                    continue
                if not isinstance(keyword.value, ast.Constant):
                    return None
                values.add(keyword.value.value)
        return values

    def _class_names(self, fn: Function, arg: ast.arg, meta: ast.ClassDef) -> set[object] | None:
        every = [*fn.args.posonlyargs, *fn.args.args]
        if len(every) < 2 or every[1] is not arg:
            return None  # not the class name (mcls, name, bases, namespace)
        if self._elsewhere(meta.name):
            return None
        for node in self.info.nodes(ast.Name):
            if node.id == meta.name and not self._metaclass_keyword(node):
                return None  # called, subclassed or passed on: classes named at run time
        if any(
            isinstance(n.func, ast.Name) and n.func.id == "type" and len(n.args) == 3
            for n in self._own_nodes(ast.Call)
            if isinstance(n, ast.Call)
        ):
            return None  # type(name, bases, namespace) names a class unseen
        return {c.name for c in self._own_nodes(ast.ClassDef) if isinstance(c, ast.ClassDef)}

    def _metaclass_keyword(self, node: ast.Name) -> bool:
        parent = self.parents.get(node)
        return isinstance(parent, ast.keyword) and parent.arg == "metaclass"

    def _call_arguments(self, fn: Function, arg: ast.arg) -> set[object] | None:
        if self.info.redefined.get(fn.name) is not None:
            return None
        positional = [*fn.args.posonlyargs, *fn.args.args]
        index = positional.index(arg) if arg in positional else None
        values: set[object] = set()
        uses = [n for n in self.info.nodes(ast.Name) if n.id == fn.name]
        if not uses or self._elsewhere(fn.name):
            return None
        for use in uses:
            call = self.parents.get(use)
            if not isinstance(call, ast.Call) or call.func is not use:
                return None
            if any(isinstance(a, ast.Starred) for a in call.args):
                return None
            if any(k.arg is None for k in call.keywords):
                return None
            given: ast.expr | None = None
            if index is not None and index < len(call.args):
                given = call.args[index]
            given = next((k.value for k in call.keywords if k.arg == arg.arg), given)
            if given is None:
                default = _default(fn, arg)
                if default is None or not default:
                    return None
                values |= default
                continue
            if not isinstance(given, ast.Constant):
                return None
            values.add(given.value)
        return values

    def _own_nodes(self, kind: type[ast.AST]) -> Iterator[ast.AST]:
        for path in self.reader.own_in_order():
            other = self.reader.ctx.index.info(path)
            if other is not None:
                yield from other.nodes(kind)


def _default(fn: Function, arg: ast.arg) -> set[object] | None:
    """The literal default of ``arg`` as a one-value set, an empty set without a default,
    ``None`` for a default that is no literal."""
    args = fn.args
    positional = [*args.posonlyargs, *args.args]
    default: ast.expr | None = None
    if arg in positional:
        at = positional.index(arg) - (len(positional) - len(args.defaults))
        default = args.defaults[at] if at >= 0 else None
    elif arg in args.kwonlyargs:
        default = args.kw_defaults[args.kwonlyargs.index(arg)]
    if default is None:
        return set()
    return {default.value} if isinstance(default, ast.Constant) else None


def _stored_names(fn: Function) -> set[str]:
    """The names ``fn``'s own body (not a nested function's) stores."""
    stored: set[str] = set()
    stack: list[ast.AST] = list(fn.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            stored.add(node.id)
        if not isinstance(node, (*_FUNCTIONS, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))
    return stored
