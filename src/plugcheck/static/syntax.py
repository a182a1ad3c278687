"""Small questions about syntax trees: dotted names, assignment targets, guards, call shapes."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Callable, Collection, Iterator, Sequence
from itertools import chain
from typing import TypeGuard
from weakref import WeakKeyDictionary

LITERALS = (
    ast.Constant,
    ast.List,
    ast.Tuple,
    ast.Set,
    ast.Dict,
    ast.JoinedStr,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)
"""Expressions whose value is a new literal: never callable, never a class."""


def dotted_name(node: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


FOLD_WORK = 400
"""The most expressions one ``folded_string`` reads (a name ``named`` reads counts once)."""
FOLD_LENGTH = 4096
"""The longest string ``folded_string`` makes: a module, hook or key name is far shorter.
Constants that format the next ones a hundred times (``S0 = "{}{}...".format(S1, S1, ...)``)
were 100**5 reads and strings of 100**4 characters; a template's own width
(``"{:>999999999}".format(x)``) a gigabyte (red team red60)."""


class Folding:
    """What one ``folded_string`` may still read."""

    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = FOLD_WORK


def folded_string(
    node: ast.expr | None,
    named: Callable[[str, int], str | None],
    depth: int = 0,
    limit: int = 20,
    work: Folding | None = None,
) -> str | None:
    """The string ``node`` always evaluates to, or ``None`` when it is not constant: a literal,
    a (dotted) name ``named(name, depth)`` reads one for, and ``+``, f-strings (no conversion
    but ``!s``, no format spec) and ``"...".format(...)`` of those. The one constant folding of
    the static pass and ``init``; each says how it reads a name (through the module index, or
    from the constants it collected). Past ``limit`` nested steps, ``FOLD_WORK`` reads or
    ``FOLD_LENGTH`` characters: ``None``."""
    work = Folding() if work is None else work
    work.left -= 1
    if node is None or depth > limit or work.left < 0:
        return None
    if isinstance(node, ast.Name | ast.Attribute):
        spelled = dotted_name(node)
        return named(spelled, depth) if spelled else None
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = folded_string(node.left, named, depth + 1, limit, work)
        right = folded_string(node.right, named, depth + 1, limit, work)
        if left is None or right is None or len(left) + len(right) > FOLD_LENGTH:
            return None
        return left + right
    if isinstance(node, ast.JoinedStr):
        parts = []
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                if part.conversion not in (-1, ord("s")) or part.format_spec is not None:
                    return None
                part = part.value
            text = folded_string(part, named, depth + 1, limit, work)
            if text is None:
                return None
            parts.append(text)
        joined = "".join(parts)
        return joined if len(joined) <= FOLD_LENGTH else None
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        return _format(node, named, depth, limit, work)
    return None


def _format(
    call: ast.Call,
    named: Callable[[str, int], str | None],
    depth: int,
    limit: int,
    work: Folding,
) -> str | None:
    """``"{}-{name}".format(A, name=B)`` with every argument a constant string, and no
    conversion or format spec in the template."""
    assert isinstance(call.func, ast.Attribute)
    template = folded_string(call.func.value, named, depth + 1, limit, work)
    if template is None or any(k.arg is None for k in call.keywords):
        return None
    try:
        if any(spec or conversion for _, _, spec, conversion in string.Formatter().parse(template)):
            return None  # `{:>999999999}` asks for a gigabyte
    except ValueError:
        return None
    args = [folded_string(a, named, depth + 1, limit, work) for a in call.args]
    kwargs = {
        str(k.arg): folded_string(k.value, named, depth + 1, limit, work) for k in call.keywords
    }
    given = [a for a in (*args, *kwargs.values()) if a is not None]
    if len(given) < len(args) + len(kwargs):
        return None
    if len(template) + template.count("{") * max(map(len, given), default=0) > FOLD_LENGTH:
        return None  # each field puts one argument in at most
    try:
        return template.format(*args, **kwargs)
    except (IndexError, KeyError, ValueError, AttributeError):
        return None


_GUARDS = {"TYPE_CHECKING", "typing.TYPE_CHECKING"}


def target_names(target: ast.expr) -> list[str]:
    """The names an assignment target binds (``a, (b, *c) = ...``)."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [n for elt in target.elts for n in target_names(elt)]
    if isinstance(target, ast.Starred):
        return target_names(target.value)
    return []


def catches(handlers: Sequence[ast.ExceptHandler], names: Collection[str]) -> bool:
    """Whether a ``try``'s handlers catch an exception named in ``names`` (by its last dotted
    part: ``except importlib.metadata.PackageNotFoundError``), a bare ``except:`` catching all."""
    for handler in handlers:
        if handler.type is None:
            return True
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        if any((dotted_name(t) or "").rsplit(".", 1)[-1] in names for t in types):
            return True
    return False


PYTHON2_BUILTINS = frozenset(
    {"basestring", "unicode", "long", "xrange", "unichr", "raw_input", "execfile", "file"}
    | {"cmp", "buffer", "apply", "intern", "coerce", "reduce", "reload"}
)
"""Builtins Python 2 had and Python 3 has not: naming one (unbound) raises NameError."""

_NAME_ERRORS = frozenset({"NameError", "Exception", "BaseException"})


def tried(stmt: ast.Try | ast.TryStar, bound: Collection[str]) -> list[ast.stmt]:
    """The statements of a ``try`` body that may run on Python 3: where a handler catches
    NameError, the body ends at the first statement that surely raises it there, one naming a
    Python 2 builtin the module does not bind (``string_types = basestring,``, a bare
    ``unicode``: the Python 2/3 probe); the rest never runs (jinja2-ansible-filters' ``from
    collections import Sequence`` after it)."""
    if not catches(stmt.handlers, _NAME_ERRORS):
        return stmt.body
    for index, item in enumerate(stmt.body):
        if _raises_name_error(item, bound):
            return stmt.body[: index + 1]
    return stmt.body


def _raises_name_error(stmt: ast.stmt, bound: Collection[str]) -> bool:
    """A bare name, or an assignment of a name or of a tuple or list of names and constants,
    whose first unbound Python 2 builtin is evaluated before anything that may raise else."""
    if isinstance(stmt, ast.Expr | ast.Assign):
        value = stmt.value
    else:
        return False
    items = value.elts if isinstance(value, ast.Tuple | ast.List) else [value]
    for item in items:
        if isinstance(item, ast.Name):
            if item.id in PYTHON2_BUILTINS and item.id not in bound:
                return True
            continue
        if not isinstance(item, ast.Constant):
            return False  # it may raise something else first, or have side effects
    return False


def quiet_definition(stmt: ast.stmt) -> bool:
    """A statement that cannot raise ImportError: ``pass``, or a ``def`` whose decorators and
    defaults are names, attributes, constants and calls of them with constant arguments (a
    hook marker, ``@hookimpl(tryfirst=True)``)."""
    if isinstance(stmt, ast.Pass):
        return True
    if not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    exprs = [*stmt.decorator_list, *stmt.args.defaults, *stmt.args.kw_defaults]
    return all(e is None or _quiet(e) for e in exprs)


def _quiet(expr: ast.expr) -> bool:
    if isinstance(expr, ast.Call):
        values = [*expr.args, *(k.value for k in expr.keywords)]
        return _quiet(expr.func) and all(isinstance(v, ast.Constant) for v in values)
    return isinstance(expr, ast.Constant) or dotted_name(expr) is not None


def suppressing(stmt: ast.With | ast.AsyncWith) -> list[ast.ExceptHandler]:
    """``with contextlib.suppress(E, ...):`` as the ``except (E, ...):`` it amounts to (none for
    any other ``with``): the block stops at the first exception it suppresses."""
    match stmt.items:
        case [ast.withitem(context_expr=ast.Call(func=func, args=args, keywords=[]))] if (
            dotted_name(func) in ("suppress", "contextlib.suppress") and args
        ):
            return [ast.ExceptHandler(type=ast.Tuple(elts=list(args)), name=None, body=[])]
    return []


def is_main_guard(test: ast.expr) -> bool:
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and len(test.comparators) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value == "__main__"
    )


def is_type_checking(test: ast.expr) -> bool:
    """``TYPE_CHECKING``, ``typing.TYPE_CHECKING`` or the flag read from any module alias
    (``t.TYPE_CHECKING``, ``typing_extensions.TYPE_CHECKING``): false whenever Python runs."""
    name = dotted_name(test)
    return name is not None and (name in _GUARDS or name.endswith(".TYPE_CHECKING"))


def without_first(method: ast.arguments) -> ast.arguments | None:
    """``method``'s parameters once the instance is bound to the first; ``None`` without one."""
    params = [*method.posonlyargs, *method.args]
    if not params:
        return None
    return ast.arguments(
        posonlyargs=method.posonlyargs[1:] if method.posonlyargs else [],
        args=method.args[1:] if not method.posonlyargs else method.args,
        vararg=method.vararg,
        kwonlyargs=method.kwonlyargs,
        kw_defaults=method.kw_defaults,
        kwarg=method.kwarg,
        defaults=method.defaults[len(method.defaults) - (len(params) - 1) :]
        if len(method.defaults) >= len(params)
        else method.defaults,
    )


def call_fits(args: ast.arguments, positional: int, keywords: Collection[str]) -> bool:
    """Whether a call with ``positional`` positional arguments and the ``keywords`` binds to a
    function with parameters ``args`` (Python's own rules: no missing, duplicate or unknown
    argument)."""
    return call_refusal(args, positional, keywords) is None


def call_refusal(
    args: ast.arguments, count: int, keywords: Collection[str], caller: str = "the host"
) -> str | None:
    """Why a call with ``count`` positional arguments and ``keywords`` does not bind to a
    function with parameters ``args``, as Python's call says it (``caller`` makes the call);
    ``None`` when it binds (a positional-only name passed by keyword goes into a ``**kwargs``
    there is)."""
    positional = [*args.posonlyargs, *args.args]
    names = [a.arg for a in positional]
    required = len(positional) - len(args.defaults)
    if count > len(positional) and args.vararg is None:
        return f"it takes {len(positional)} positional argument(s), {caller} passes {count}"
    bound = set()
    for keyword in keywords:
        index = names.index(keyword) if keyword in names else -1
        if 0 <= index < len(args.posonlyargs):
            if args.kwarg is None:
                return f"{keyword!r} is positional-only, {caller} passes it by keyword"
        elif 0 <= index < count:
            return f"{caller} passes {keyword!r} twice (by position and by keyword)"
        elif index >= 0 or keyword in {a.arg for a in args.kwonlyargs}:
            bound.add(keyword)
        elif args.kwarg is None:
            return f"it has no parameter {keyword!r}, which {caller} passes by keyword"
    missing = [n for n in names[count:required] if n not in bound]
    if missing:
        return f"it requires {', '.join(missing)}, which {caller} does not pass"
    kwonly = [
        a.arg
        for a, default in zip(args.kwonlyargs, args.kw_defaults, strict=True)
        if default is None and a.arg not in bound
    ]
    if kwonly:
        shown = ", ".join(kwonly)
        return f"its keyword-only {shown} has no default, and {caller} does not pass it"
    return None


_SCALARS = frozenset({"identifier", "int", "string", "constant"})
"""The grammar's types whose values are never nodes (a name, a number, a literal's value)."""


class _ChildFields(dict[type, tuple[str, ...]]):
    """A node class's ``_fields`` without those the grammar types as scalars (``Name.id``,
    ``Attribute.attr``, ``Constant.value``, ``alias.name``...), in order: the fields a child
    node can be in. Walks read only these (most nodes a walk meets are names and constants,
    which then have one field to look at, or none). Read from the class's signature in its
    docstring (``Name(identifier id, expr_context ctx)``); a class whose signature does not
    name exactly its ``_fields`` keeps them all."""

    def __init__(self, skipped: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.skipped = _SCALARS | skipped
        """The grammar's types whose fields are not walked."""

    def __missing__(self, kind: type) -> tuple[str, ...]:
        fields: tuple[str, ...] = getattr(kind, "_fields", ())
        doc = (getattr(kind, "__doc__", None) or "").partition("\n")[0]
        match = re.fullmatch(rf"{re.escape(kind.__name__)}\((.*)\)", doc)
        typed = [part.split() for part in match.group(1).split(", ") if part] if match else []
        if [t[-1] for t in typed] == list(fields) and all(len(t) == 2 for t in typed):
            fields = tuple(t[1] for t in typed if t[0].rstrip("*?") not in self.skipped)
        self[kind] = fields
        return fields


CHILD_FIELDS = _ChildFields()
"""``CHILD_FIELDS[type(node)]``: the fields of ``node`` that may hold child nodes."""

TREE_FIELDS = _ChildFields(frozenset({"expr_context"}))
"""``CHILD_FIELDS`` without a name's, attribute's or display's ``ctx`` (``Load()``, ``Store()``,
``Del()``: one shared object each, telling nothing a walk for nodes looks for, and a third of
the nodes of a whole-tree walk): what the walk that groups a module's nodes by class reads."""


def children(node: ast.AST) -> list[ast.AST]:
    """``list(ast.iter_child_nodes(node))``, same order, without its two generators (the checks
    that walk function bodies call this for every node they visit)."""
    found: list[ast.AST] = []
    for name in CHILD_FIELDS[type(node)]:
        value = getattr(node, name, None)
        if isinstance(value, ast.AST):
            found.append(value)
        elif type(value) is list:
            for item in value:
                if isinstance(item, ast.AST):
                    found.append(item)
    return found


def walk(node: ast.AST) -> Iterator[ast.AST]:
    """``ast.walk(node)``: the same nodes in the same (breadth-first) order, through
    ``children`` (a third of its time on plugin code)."""
    todo = [node]
    for current in todo:  # the list grows behind the loop: breadth first
        todo.extend(children(current))
        yield current


_WALKED: WeakKeyDictionary[ast.AST, list[ast.AST]] = WeakKeyDictionary()
"""Each module's, class's and function's nodes below it, in ``ast.walk``'s order, while the
tree lives (the list holds no reference to its root, or the tree would never go)."""

_KEPT_WALKS = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def walked(node: ast.AST) -> Iterator[ast.AST]:
    """``ast.walk(node)``, each module, class and function walked once while its tree lives:
    ``plugcheck init`` reads each module and each function of a host for some fifty things,
    and walking them again for each was most of its time (xarray: 17.5 million nodes walked
    for 350,000). The tree must not change shape after its first walk (survey.py folds and
    renames before it reads)."""
    if not isinstance(node, _KEPT_WALKS):
        return walk(node)
    below = _WALKED.get(node)
    if below is None:
        below = _WALKED[node] = [*walk(node)][1:]
    return chain((node,), below)


def parameterless_lambda(value: ast.expr) -> TypeGuard[ast.Lambda]:
    """A lambda without parameters: its body reads only the names of the scope it is in."""
    if not isinstance(value, ast.Lambda):
        return False
    args = value.args
    return not (args.posonlyargs or args.args or args.vararg or args.kwonlyargs or args.kwarg)


def mangled(name: str, owner: str) -> str:
    """``name`` as Python compiles it in the body of class ``owner`` (private name mangling:
    ``__x`` -> ``_Owner__x``; not a dunder, not in a class named only of underscores)."""
    stripped = owner.lstrip("_")
    if not name.startswith("__") or name.endswith("__") or not stripped:
        return name
    return f"_{stripped}{name}"
