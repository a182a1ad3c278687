"""PC557: a name the plugin module's import evaluates that is bound nowhere.

``def hook(registry, _cache=CACHE)`` with no ``CACHE``, ``@functools.cache`` without ``import
functools``, an evaluated annotation ``registry: Registry`` with ``Registry`` bound nowhere: the
host's import of the plugin raises NameError (a name imported only under ``if TYPE_CHECKING:``
is PC212's). Every module of the plugin the import certainly runs is judged (its parent packages
and the plugin's own modules imported at their top level: ``import_raises.loaded``), and in
each only code the import certainly runs: the module's top-level statements
(the tests of ``if``/``while`` and the iterables of ``for``, not their bodies; no ``try``
statement), the decorators, default values and evaluated annotations of its functions, and its
classes' bases, keywords, decorators and bodies (by the same rules). A name counts as bound
when anything in the module binds it, anywhere (a function's local, a later line, a deleted name
too), or it is a builtin, a module attribute, a name a host may add to ``builtins`` (``_``,
``get_ipython``, and the contract's ``host-builtins``), or a submodule beside a package's
``__init__`` (in a class body a private ``__x`` is the mangled ``_Cls__x``: bound by the
class's own ``__x`` or the module's ``_Cls__x``). A module with a star import,
calling ``globals()``, ``vars()``, ``exec``, ``eval`` or ``setattr``, or reaching its
``__dict__`` or ``sys.modules``, is not judged.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator

from plugcheck import config as _config
from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.host_uses import binding_lines
from plugcheck.rules.own_imports import loaded
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import children, mangled

PC557 = rule(
    "PC557",
    "name-undefined-at-import",
    Severity.ERROR,
    "Code the plugin module's import runs (module level, decorators, default values, class "
    "bodies, evaluated annotations) reads a name bound nowhere: the host's import raises "
    "NameError.",
    explains=("PC401",),
    overruled_by="import",  # the real import succeeded: withdrawn
)

_KNOWN = frozenset(dir(builtins)) | {
    "__name__",
    "__file__",
    "__doc__",
    "__spec__",
    "__loader__",
    "__package__",
    "__builtins__",
    "__path__",
    "__annotations__",
    "__cached__",
    "__debug__",
    # Names hosts and tools put in builtins: gettext.install(), IPython, site.
    "_",
    "__",
    "get_ipython",
    "display",
    "__IPYTHON__",
    "reveal_type",
    "reveal_locals",
}

HOST_BUILTINS = "host-builtins"
"""Names the host puts in ``builtins`` before it imports its plugins (xonsh's ``__xonsh__``,
``aliases``, ``events``): bound for PC557, present for PC558's ``builtins.<name>``."""

HOST_BUILTINS_COMPUTED = "host-builtins-computed"
"""The host also puts names it computes in ``builtins`` (xonsh's ``setattr(builtins, refname,
proxy)`` over its session's names): a name bound nowhere may be one of them, so PC557 cannot
tell a NameError from a name the host provides and says so as a warning."""

FIELDS = {
    HOST_BUILTINS: _config.Field(
        _config.string_list,
        _config.STRINGS,
        "Names the host adds to builtins before it imports its plugins (PC557, PC558).",
    ),
    HOST_BUILTINS_COMPUTED: _config.Field(
        _config.boolean,
        _config.BOOLEAN,
        "The host also adds names it computes to builtins (default false; PC557 then warns).",
    ),
}
"""Contract keys of the import-time name rules (any Python kind)."""


def host_builtins(ctx: Context) -> frozenset[str]:
    return frozenset(ctx.contract.options.get(HOST_BUILTINS, ()))


_OPAQUE_CALLS = frozenset({"globals", "exec", "vars", "setattr", "eval"})


def _opaque(info: ModuleInfo) -> bool:
    """Whether names may come from where no binding shows: a star import, ``globals()`` and
    the like, the module's ``__dict__`` or ``sys.modules`` entry (``ssl``'s enums add their
    members through ``IntEnum._convert_``)."""
    return (
        any(a.name == "*" for node in info.nodes(ast.ImportFrom) for a in node.names)
        or any(n.attr in ("_convert_", "__dict__", "modules") for n in info.nodes(ast.Attribute))
        or any(
            isinstance(n.func, ast.Name) and n.func.id in _OPAQUE_CALLS
            for n in info.nodes(ast.Call)
        )
    )


def _bound(info: ModuleInfo) -> set[str]:
    """Every name anything in the module binds (parameters too; under ``if TYPE_CHECKING:``
    too: a name bound only there is PC212's)."""
    # The names of the module's binding lines (made once per tree, PC530 and PC558 read them
    # too), and the names its `global`/`nonlocal` statements declare (which bind none there).
    names = set(binding_lines(info))
    for kind in (ast.Global, ast.Nonlocal):
        declares: list[ast.Global | ast.Nonlocal] = info.nodes(kind)
        for node in declares:
            names.update(node.names)
    return names


class _Reads:
    """The names the import certainly evaluates, with the straight-line rules above."""

    def __init__(self, annotations: bool) -> None:
        self.annotations = annotations
        """Whether annotations are evaluated (no ``from __future__ import annotations``)."""
        self.found: list[ast.Name] = []
        self.augmented: list[ast.Name] = []
        """Targets of augmented assignments the import runs (``__all__ += [...]``)."""
        self.owners: dict[ast.Name, ast.ClassDef] = {}
        """The class whose body reads each found name (Python mangles ``__x`` there)."""
        self._owner: ast.ClassDef | None = None
        self.annotations_read: list[ast.expr] = []
        """The annotations the import evaluates (when it does), in order."""

    def expr(self, node: ast.AST | None) -> None:
        if node is None:
            return
        stack: list[ast.AST] = [node]
        while stack:
            current = stack.pop()
            if isinstance(current, ast.Name) and isinstance(current.ctx, ast.Load):
                self.found.append(current)
                if self._owner is not None:
                    self.owners[current] = self._owner
            elif isinstance(current, ast.Lambda):
                self._defaults(current.args)  # its body runs when it is called
                continue
            elif isinstance(current, ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp):
                # Only the first iterable is evaluated in the enclosing scope for certain.
                self.expr(current.generators[0].iter)
                continue
            stack.extend(children(current))

    def _defaults(self, args: ast.arguments) -> None:
        for default in [*args.defaults, *args.kw_defaults]:
            self.expr(default)

    def _annotation(self, node: ast.expr | None) -> None:
        if self.annotations and node is not None and not isinstance(node, ast.Constant):
            self.annotations_read.append(node)
            self.expr(node)

    def body(self, statements: list[ast.stmt]) -> None:
        for stmt in statements:
            self.stmt(stmt)

    def stmt(self, stmt: ast.stmt) -> None:
        match stmt:
            case ast.FunctionDef() | ast.AsyncFunctionDef():
                for decorator in stmt.decorator_list:
                    self.expr(decorator)
                self._defaults(stmt.args)
                args = stmt.args
                for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg]:
                    if arg is not None:
                        self._annotation(arg.annotation)
                if args.kwarg is not None:
                    self._annotation(args.kwarg.annotation)
                self._annotation(stmt.returns)
            case ast.ClassDef():
                for decorator in stmt.decorator_list:
                    self.expr(decorator)
                for base in stmt.bases:
                    self.expr(base)
                for keyword in stmt.keywords:
                    self.expr(keyword.value)
                outer, self._owner = self._owner, stmt
                self.body(stmt.body)
                self._owner = outer
            case ast.If():
                self.expr(stmt.test)
            case ast.While():
                self.expr(stmt.test)
            case ast.For() | ast.AsyncFor():
                self.expr(stmt.iter)
            case ast.Match():
                self.expr(stmt.subject)
            case ast.With() | ast.AsyncWith():
                for item in stmt.items:
                    self.expr(item.context_expr)
            case ast.Try() | ast.TryStar():
                return  # a handler may catch the NameError
            case ast.AnnAssign():
                self._annotation(stmt.annotation)
                self.expr(stmt.value)
            case ast.Assign() | ast.AugAssign() | ast.Expr() | ast.Return() | ast.Raise():
                if isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name):
                    self.augmented.append(stmt.target)  # `x += 1` reads x first
                for child in children(stmt):
                    if not (isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store)):
                        self.expr(child)
            case ast.Assert():
                self.expr(stmt.test)
            case _:
                return


def _reads(tree: ast.Module, evaluated: bool) -> _Reads:
    future = any(
        isinstance(s, ast.ImportFrom)
        and s.module == "__future__"
        and any(a.name == "annotations" for a in s.names)
        for s in tree.body
    )
    reads = _Reads(annotations=evaluated and not future)
    reads.body(tree.body)
    return reads


def evaluated_annotations(info: ModuleInfo, evaluated: bool) -> list[ast.expr]:
    """The annotations the module's import certainly evaluates (none under ``from __future__
    import annotations``, or where the target evaluates none: ``evaluated`` false)."""
    return [] if info.tree is None else _reads(info.tree, evaluated).annotations_read


def _undefined(
    info: ModuleInfo, evaluated: bool, host: frozenset[str] = frozenset()
) -> Iterator[tuple[ast.Name, str]]:
    """The names read and bound nowhere, each with the name Python looks up (mangled in a
    class body)."""
    tree = info.tree
    if tree is None or _opaque(info):
        return
    reads = _reads(tree, evaluated)
    if not reads.augmented and all(name.id in _KNOWN or name.id in host for name in reads.found):
        return
    known = _KNOWN | host | _bound(info)
    if info.path.name == "__init__.py":
        # Importing a submodule binds its name in the package, from wherever it is imported.
        known |= {p.stem for p in info.path.parent.iterdir()}
    seen: set[str] = set()
    for target in reads.augmented:
        if target.id not in _KNOWN and target.id not in host and _only_augmented(info, target):
            seen.add(target.id)
            yield target, target.id
    for name in reads.found:
        owner = reads.owners.get(name)
        looked_up = mangled(name.id, owner.name) if owner is not None else name.id
        if looked_up != name.id and owner is not None:
            # `__x` in a class body is `_Cls__x`: the class's own `__x` or the module's
            # `_Cls__x`, never the module's `__x`
            if name.id in _class_bound(owner) or looked_up in known:
                continue
        elif name.id in known:
            continue
        if looked_up not in seen:
            seen.add(looked_up)
            yield name, looked_up


def _only_augmented(info: ModuleInfo, target: ast.Name) -> bool:
    """Whether nothing in the module binds ``target``'s name but augmented assignments: the
    first one the import runs reads a name bound nowhere."""
    name = target.id
    if target.id not in binding_lines(info):
        return False
    augmented = {id(a.target) for a in info.nodes(ast.AugAssign)}
    names: list[ast.Name] = info.nodes(ast.Name)
    if any(
        n.id == name and not isinstance(n.ctx, ast.Load) and id(n) not in augmented for n in names
    ):
        return False
    args: list[ast.arg] = info.nodes(ast.arg)
    if any(a.arg == name for a in args):
        return False
    defined: list[ast.AST] = [*info.nodes(ast.FunctionDef), *info.nodes(ast.AsyncFunctionDef)]
    defined += [*info.nodes(ast.ClassDef), *info.nodes(ast.Import), *info.nodes(ast.ImportFrom)]
    defined += [*info.nodes(ast.Global), *info.nodes(ast.Nonlocal)]
    for node in defined:
        if isinstance(node, ast.Import | ast.ImportFrom):
            if any((a.asname or a.name).partition(".")[0] == name for a in node.names):
                return False
        elif isinstance(node, ast.Global | ast.Nonlocal):
            if name in node.names:
                return False
        elif getattr(node, "name", None) == name:
            return False
    return True


def _class_bound(cls: ast.ClassDef) -> set[str]:
    """The names anything inside ``cls`` binds, as spelled."""
    names: set[str] = set()
    for node in ast.walk(cls):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Global | ast.Nonlocal):
            names.update(node.names)
    names.discard(cls.name)
    return names


@plugin_check(PC557)
def name_undefined_at_import(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    # Python 3.14 evaluates annotations only when something asks for them (PEP 649).
    evaluated = ctx.env.version[:2] < (3, 14)
    computed = bool(ctx.contract.options.get(HOST_BUILTINS_COMPUTED))
    # The plugin's module and its own modules the import certainly runs (parent packages'
    # __init__ and what they import at their top level), by the same rules.
    for path in loaded(ctx, plugin):
        info = ctx.index.info(path)
        if info is None:
            continue
        where = plugin.module if path == plugin.module_path else path.name
        for name, looked_up in _undefined(info, evaluated, host_builtins(ctx)):
            if computed:
                yield PC557.at(
                    plugin,
                    Location(path, name.lineno, name.col_offset + 1),
                    f"{name.id!r} is bound nowhere in {where}, and this line runs when the "
                    f"host imports the plugin: not checked, since the host puts names it "
                    f"computes in builtins ({HOST_BUILTINS_COMPUTED}); the import raises "
                    "NameError unless the host's are among them",
                    fix=f"name {name.id} in the contract's {HOST_BUILTINS} if the host puts it "
                    "in builtins; else import or define it before this line",
                    severity=Severity.WARNING,
                )
                continue
            said, fix = f"{name.id!r} is", f"import or define {name.id} before this line"
            if isinstance(name.ctx, ast.Store):  # an augmented assignment's target
                said = f"{name.id!r}, which the augmented assignment reads first, is"
                fix = f"bind {name.id} before it (`{name.id} = [...]`)"
            if looked_up != name.id:
                said = f"{name.id!r} in a class body is the private name {looked_up!r} (mangled),"
                fix = f"name it without the leading double underscore, or define {looked_up}"
            yield PC557.at(
                plugin,
                Location(path, name.lineno, name.col_offset + 1),
                f"{said} bound nowhere in {where}, and this line runs when the host imports the "
                f"plugin: the import raises NameError: name {looked_up!r} is not defined",
                fix=f"{fix} (or correct the name)",
            )
