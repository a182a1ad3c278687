"""What the host passes at its call of a plugin's function, read from the host's own code: each
argument's class (``self`` in a method, an annotated parameter, ``x = Registry()``,
``self.options = Options()``) and a stand-in that builds it as the host does: the class itself
when the host builds the argument right there with no arguments and uses it for nothing before
the call (``registry = Registry()`` then ``plugin(registry)``), ``builtins:dict`` for a literal
``{}``, ``:<json>`` (a literal stand-in, ``{ value = "plain" }``) for another constant. The
host's own object (``self``) and what it set up earlier are configured: a fresh one is not what
the plugin gets, so those stand-ins are left to the author."""

from __future__ import annotations

import ast
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from plugcheck.static.syntax import dotted_name, walked

_EMPTY = {
    ast.Dict: "builtins:dict",
    ast.List: "builtins:list",
    ast.Tuple: "builtins:tuple",
    ast.Set: "builtins:set",
}
_FALSY = {str: "builtins:str", int: "builtins:int", bool: "builtins:bool", float: "builtins:float"}


@dataclass(frozen=True, slots=True)
class Argument:
    spelled: str
    """The host's spelling at the call (``linter``, ``self.options``, ``{}``)."""
    keyword: str | None = None
    type: str | None = None
    """``module:Class`` of the host, when its code says what the argument is."""
    stand_in: str | None = None
    """``module:callable`` that builds such an argument with no arguments."""


@dataclass(frozen=True, slots=True)
class CallSite:
    """Where the call is: its function, the class it is a method of, and how names resolve."""

    fn: ast.FunctionDef | ast.AsyncFunctionDef
    tree: ast.Module
    host: str | None
    """``module:Class`` of the method's class."""
    resolve: Callable[[str], str | None]
    callers: Mapping[tuple[str, int], str] = field(default_factory=dict)
    """(method name, position after ``self``) -> ``module:Class`` every caller in the host
    passes itself as there (:func:`passed_selves`)."""

    def arguments(self, call: ast.Call) -> list[Argument] | None:
        """One :class:`Argument` per argument of ``call``; ``None`` for ``*args``/``**kw``."""
        if any(isinstance(a, ast.Starred) for a in call.args) or any(
            k.arg is None for k in call.keywords
        ):
            return None
        found = [self._argument(a, None) for a in call.args]
        return found + [self._argument(k.value, k.arg) for k in call.keywords]

    def _argument(self, node: ast.expr, keyword: str | None) -> Argument:
        spelled = ast.unparse(node)
        literal = _literal(node)
        if isinstance(node, ast.Name) and not literal:
            constant = _module_constant(self.tree, self.fn, node.id)
            literal = _literal(constant) if constant is not None else None
        if literal:
            return Argument(spelled, keyword, stand_in=literal)
        type_ = self._type(node)
        fresh = type_ is not None and isinstance(node, ast.Name) and _fresh(self.fn, node)
        return Argument(spelled, keyword, type_, type_ if fresh else None)

    def _type(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Name):
            if node.id == "self" and self.host:
                return self.host
            found = self._one(
                [*self._annotations(self.fn, node.id), *_constructed(self.fn, node.id)]
            )
            return found or self._passed(node.id)
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
            and self.host
        ):
            cls = _class(self.tree, self.host.partition(":")[2])
            if cls is not None:
                return self._one(list(_self_attribute(cls, node.attr)))
        return None

    def _passed(self, name: str) -> str | None:
        """An unannotated parameter of a method, rebound nowhere, that every caller in the host
        hands its own ``self`` (Sopel's ``handler.setup(self)`` in ``Sopel``, for the handler's
        ``setup(self, bot)``)."""
        params = [*self.fn.args.posonlyargs, *self.fn.args.args][1:]
        index = next((i for i, a in enumerate(params) if a.arg == name), None)
        if index is None or params[index].annotation is not None or _constructed(self.fn, name):
            return None
        return self.callers.get((self.fn.name, index))

    def _annotations(self, fn: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> list[str]:
        params = [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]
        return [_spelled(a.annotation) if a.annotation else "" for a in params if a.arg == name]

    def _one(self, spellings: list[str]) -> str | None:
        """The one host class every spelling names (``None`` when they differ or are not)."""
        if "" in spellings:
            return None  # also bound to something else
        # ``cls()`` in a classmethod of the host's class builds that class, and so does
        # ``self.__class__(...)`` in a method (Pyramid's include builds its configurator so).
        refs = {self.host if s in _OWN_CLASS and self.host else self.resolve(s) for s in spellings}
        if len(refs) != 1:
            return None
        (ref,) = refs
        return ref if ref and ":" in ref else None


_OWN_CLASS = frozenset({"cls", "self.__class__"})


def _fresh(fn: ast.AST, name: ast.Name) -> bool:
    """``name`` is bound once in ``fn``, by a call with no arguments (``registry = Registry()``),
    and read nowhere between that and the call (``name`` itself): the plugin gets it as built."""
    built = [
        n
        for n in walked(fn)
        if isinstance(n, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name.id for t in n.targets)
    ]
    if len(built) != 1:
        return False
    (assign,) = built
    value = assign.value
    if not (isinstance(value, ast.Call) and not value.args and not value.keywords):
        return False
    start, at = (assign.lineno, assign.col_offset), (name.lineno, name.col_offset)
    return not any(
        isinstance(n, ast.Name)
        and n.id == name.id
        and isinstance(n.ctx, ast.Load)
        and start < (n.lineno, n.col_offset) < at
        for n in walked(fn)
    )


def built_fresh(fn: ast.AST, name: ast.Name) -> str | None:
    """The class ``name`` is built from, as the host spells it (``Registry`` of ``registry =
    Registry()``), when the host builds it with no arguments and reads it nowhere before
    handing it over at ``name`` (:func:`_fresh`); ``None`` otherwise."""
    if not _fresh(fn, name):
        return None
    built = [
        _built(n.value)
        for n in walked(fn)
        if isinstance(n, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name.id for t in n.targets)
    ]
    return built[0] or None


def _spelled(annotation: ast.expr) -> str:
    """The dotted name of an annotation (``"Linter"`` in quotes too); ``""`` for others."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return annotation.value if annotation.value.replace(".", "").isidentifier() else ""
    return dotted_name(annotation) or ""


def _constructed(fn: ast.AST, name: str) -> list[str]:
    """What ``name`` is built from in ``fn``: ``name = Cls(...)`` / ``name: Cls = ...``."""
    found = []
    for node in walked(fn):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = node.value
            found.append(_built(value))
        elif (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == name
        ):
            found.append(_spelled(node.annotation))
        elif isinstance(node, ast.For | ast.AsyncFor | ast.comprehension | ast.NamedExpr):
            if any(isinstance(n, ast.Name) and n.id == name for n in walked(node.target)):
                found.append("")
        elif (
            isinstance(node, ast.withitem)
            and node.optional_vars is not None
            and any(isinstance(n, ast.Name) and n.id == name for n in walked(node.optional_vars))
        ):
            found.append("")
    return found


def _self_attribute(cls: ast.ClassDef, attr: str) -> list[str]:
    """What ``self.attr`` is built from in the class's methods (or its class-level annotation)."""
    found = []
    for node in walked(cls):
        target = value = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign):
            target, value = node.target, None
            if (isinstance(target, ast.Name) and target.id == attr) or _is_self(target, attr):
                found.append(_spelled(node.annotation))
            continue
        if target is not None and _is_self(target, attr):
            found.append(_built(value))
    return found


def _built(value: ast.expr | None) -> str:
    """``Cls`` of ``Cls(...)``; ``""`` for anything else."""
    return (dotted_name(value.func) or "") if isinstance(value, ast.Call) else ""


def _is_self(node: ast.expr, attr: str) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == attr
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def _class(tree: ast.Module, name: str) -> ast.ClassDef | None:
    return next((c for c in tree.body if isinstance(c, ast.ClassDef) and c.name == name), None)


def _literal(node: ast.expr) -> str | None:
    """The builtin that builds exactly this literal: ``{}`` -> ``builtins:dict``; a literal
    stand-in (``:<json>``) for another constant, ``None`` and lists and tables of constants."""
    if isinstance(node, ast.Dict) and not node.keys:
        return _EMPTY[ast.Dict]
    if isinstance(node, ast.List | ast.Tuple | ast.Set) and not node.elts:
        return _EMPTY[type(node)]
    if isinstance(node, ast.Constant) and not node.value and node.value is not None:
        return _FALSY.get(type(node.value))
    if isinstance(node, ast.Constant) and node.value is None:
        return ":null"  # ``{ none = true }``
    if isinstance(node, ast.Constant | ast.List | ast.Dict) and _json_exact(node):
        # ``style="plain"``, ``width=80``, ``["a", "b"]``: a literal stand-in (``{ value = ...
        # }``), ``:<json>``.
        return ":" + json.dumps(ast.literal_eval(node))
    return None


def _module_constant(
    tree: ast.Module, fn: ast.FunctionDef | ast.AsyncFunctionDef, name: str
) -> ast.expr | None:
    """The value of a host constant ``NAME`` (upper case, bound once at the module's top level,
    nowhere else in the module, and not a name of ``fn``): what the host passes as it is."""
    if not name.isupper() or name in _local_names(fn):
        return None
    bound = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id == name
    ]
    stores = [
        n
        for n in walked(tree)
        if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)
    ]
    changed = any(
        isinstance(n, ast.Subscript | ast.Attribute)
        and isinstance(n.value, ast.Name)
        and n.value.id == name
        and (
            not isinstance(n.ctx, ast.Load)
            or (isinstance(n, ast.Attribute) and n.attr in _MUTATORS)
        )
        for n in walked(tree)
    )
    return bound[0] if len(bound) == 1 and len(stores) == 1 and not changed else None


_MUTATORS = frozenset(
    {"append", "extend", "insert", "remove", "pop", "clear", "update", "setdefault", "sort"}
)


def _local_names(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    params = [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]
    return {a.arg for a in params} | {
        n.id for n in walked(fn) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)
    }


def _json_exact(node: ast.expr) -> bool:
    """JSON (and TOML) give back exactly this value: strings, whole numbers, finite floats and
    booleans, in lists and string-keyed tables (no ``None`` inside: TOML cannot spell it, no
    tuples or sets: JSON gives lists)."""
    if isinstance(node, ast.Constant):
        value = node.value
        return type(value) in _FALSY and (not isinstance(value, float) or abs(value) < 1e308)
    if isinstance(node, ast.List):
        return all(_json_exact(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(
            isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys
        ) and all(_json_exact(v) for v in node.values)
    return False


def passed_selves(trees: Iterable[tuple[str, ast.Module]]) -> dict[tuple[str, int], str]:
    """(method name, position) -> ``module:Class`` for each ``x.method(..., self, ...)`` the
    host makes inside a method of its class ``Class``, where every such call of that name
    passing ``self`` there comes from the one class."""
    seen: dict[tuple[str, int], set[str]] = {}
    for module, tree in trees:
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            for call in walked(cls):
                if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
                    continue
                for i, arg in enumerate(call.args):
                    if isinstance(arg, ast.Name) and arg.id == "self":
                        seen.setdefault((call.func.attr, i), set()).add(f"{module}:{cls.name}")
    return {key: next(iter(classes)) for key, classes in seen.items() if len(classes) == 1}
