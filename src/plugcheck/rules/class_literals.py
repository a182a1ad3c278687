"""PC515 for statements whose failure the module's own classes and literals prove.

At the top level of a module the host's import runs, each of these raises on every import:

- a class whose bases have no consistent method resolution order (``class C(A, B)`` with
  ``B(A)``), or that names a base twice (TypeError);
- a class whose bases' metaclasses conflict (TypeError), the metaclasses the module's own;
- a class whose bases each extend the instance layout through a literal ``__slots__`` with a
  slot, neither deriving from the other (TypeError: instance lay-out conflict);
- ``class C(A, B)`` where the module's class ``B`` derives from ``A`` (whatever ``A`` is, the
  host's class too): no consistent MRO (TypeError);
- a subclass of a type Python refuses as a base (``bool``, ``range``, ``slice``,
  ``memoryview``: TypeError);
- ``@enum.unique`` over members with equal literal values (ValueError);
- ``Base.Name`` (a base, or a value) where the module's class ``Base`` binds no ``Name``
  (AttributeError);
- ``Cls[int]`` where the module's class ``Cls`` is not generic: no ``__class_getitem__`` in its
  bases' bodies or its own (TypeError: type 'Cls' is not subscriptable);
- a call of the module's own class that abstract methods leave abstract (TypeError:
  ``rules.abstract_calls``);
- ``from .impl import *`` where the plugin's own ``impl`` sets ``__all__`` to a string (its
  characters are taken as names) or to a literal no star import can use (``rules.star_all``);
- a call of the module's own ``typing.Protocol`` class, or ``isinstance``/``issubclass``
  against one not decorated ``@runtime_checkable`` (TypeError: ``rules.protocol_calls``);
- ``re.compile`` of a literal pattern that does not compile (``re.error``), judged only when the
  target runs plugcheck's own Python version (the syntax of patterns changes between versions).

Only classes the module defines once, undecorated, without keywords (no metaclass but the
module's own), whose bases are such classes or ``object``, are known: anything else may bring a
metaclass whose ``__new__`` or ``mro()`` is not ``type``'s. A name is the builtin or module only
when nothing in the module binds it otherwise.
"""

from __future__ import annotations

import ast
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from plugcheck.model import Finding, Location, Plugin
from plugcheck.rules.abstract_calls import abstract_call
from plugcheck.rules.base import Context, plugin_check
from plugcheck.rules.import_edges import Kind, import_targets, package_of, target_of
from plugcheck.rules.import_raises import PC515
from plugcheck.rules.linearization import c3
from plugcheck.rules.own_imports import import_walk
from plugcheck.rules.protocol_calls import protocol_use
from plugcheck.rules.raising import always_raises
from plugcheck.rules.reached import BINDERS, binds
from plugcheck.rules.star_all import unusable_all
from plugcheck.static.parse import ModuleInfo
from plugcheck.static.syntax import mangled

_FINAL = frozenset({"bool", "range", "slice", "memoryview"})
"""Builtin types Python refuses as a base class."""
_TYPE_ATTRIBUTES = frozenset(dir(type)) | {"__module__", "__qualname__", "__dict__", "__doc__"}


class Facts:
    """What the module binds, and its classes that are known (see the module's docstring)."""

    def __init__(self, info: ModuleInfo, same_python: bool) -> None:
        self.same_python = same_python
        counts: Counter[str] = Counter()
        for kind in BINDERS:
            nodes: list[ast.AST] = info.nodes(kind)
            for node in nodes:
                counts.update(binds(node))
        counts.update(node.arg for node in info.nodes(ast.arg))
        self.counts = counts
        self.stored = {n.attr for n in info.nodes(ast.Attribute) if isinstance(n.ctx, ast.Store)}
        self.opaque = any(
            isinstance(n.func, ast.Name) and n.func.id in ("setattr", "globals", "exec", "eval")
            for n in info.nodes(ast.Call)
        )
        self.classes: dict[str, ast.ClassDef] = {}
        """The known classes defined so far (the statements are read in order)."""
        self.defined: dict[str, ast.ClassDef] = {}
        """Every class statement so far whose name nothing else binds, known or not."""
        self.imports: dict[str, str] = {}
        """Names bound once by a top-level import: name -> the module or ``module.name``."""
        self.info = info

    def spelled(self) -> set[str]:
        """Every name and attribute the module spells."""
        return {n.id for n in self.info.nodes(ast.Name)} | {
            n.attr for n in self.info.nodes(ast.Attribute)
        }

    def unbound(self, name: str) -> bool:
        return self.counts[name] == 0

    def once(self, name: str) -> bool:
        return self.counts[name] == 1

    def see(self, stmt: ast.stmt) -> None:
        """Record what ``stmt`` (a top-level statement, just run) defines."""
        if isinstance(stmt, ast.ClassDef) and self.once(stmt.name):
            self.defined[stmt.name] = stmt
        match stmt:
            case ast.ClassDef(decorator_list=[], keywords=keywords) if self.once(stmt.name):
                if all(self._metaclass_keyword(k) for k in keywords) and all(
                    self.base(b) is not None for b in stmt.bases
                ):
                    self.classes[stmt.name] = stmt
            case ast.Import(names=aliases):
                for alias in aliases:
                    if alias.asname is None and "." not in alias.name and self.once(alias.name):
                        self.imports[alias.name] = alias.name
            case ast.ImportFrom(module=str(module), level=0, names=aliases):
                for alias in aliases:
                    name = alias.asname or alias.name
                    if self.once(name):
                        self.imports[name] = f"{module}.{alias.name}"

    def _metaclass_keyword(self, keyword: ast.keyword) -> bool:
        return (
            keyword.arg == "metaclass"
            and isinstance(keyword.value, ast.Name)
            and keyword.value.id in self.classes
            and self.is_metaclass(keyword.value.id)
        )

    def base(self, node: ast.expr) -> str | None:
        """The known class (or ``object``) ``node`` names."""
        if isinstance(node, ast.Name):
            if node.id in self.classes:
                return node.id
            if node.id in ("object", "type") and self.unbound(node.id):
                return node.id
        return None

    def mro(self, name: str) -> list[str] | None:
        """The linearization of a known class (``None``: inconsistent)."""
        if name in ("object", "type"):
            return [name] if name == "object" else ["type", "object"]
        cls = self.classes[name]
        bases = [self.base(b) for b in cls.bases] or ["object"]
        merged = c3([self.mro(b) for b in bases if b is not None], [b for b in bases if b])
        return None if merged is None else [name, *merged]

    def is_metaclass(self, name: str) -> bool:
        order = self.mro(name)
        return order is not None and "type" in order and not self._defines(name, "mro")

    def metaclass(self, name: str) -> str:
        """The metaclass of a known class (``type`` unless a known metaclass is given)."""
        if name in ("object", "type"):
            return "type"
        cls = self.classes[name]
        for keyword in cls.keywords:
            if keyword.arg == "metaclass" and isinstance(keyword.value, ast.Name):
                return keyword.value.id
        found = "type"
        for base in cls.bases:
            known = self.base(base)
            if known is not None and self._subclass(self.metaclass(known), found):
                found = self.metaclass(known)
        return found

    def _subclass(self, name: str, of: str) -> bool:
        order = self.mro(name)
        return order is not None and of in order

    def _defines(self, name: str, attribute: str) -> bool:
        """Whether a known class or a known base of it binds ``attribute`` in its body."""
        for owner in self.mro(name) or []:
            if owner in ("object", "type"):
                continue
            body = self.classes[owner].body
            # a private name the body binds is the attribute _Owner__x (name mangling)
            names = (
                mangled(b, owner) for stmt in body for n in _class_scope(stmt) for b in binds(n)
            )
            if attribute in names:
                return True
        return False

    def has_attribute(self, name: str, attribute: str) -> bool | None:
        """Whether the known class ``name`` has ``attribute`` (``None``: not known)."""
        if self.opaque or attribute in self.stored or self.metaclass(name) != "type":
            return None
        for owner in self.mro(name) or []:
            if owner not in ("object", "type") and any(
                isinstance(n, ast.Call)
                for stmt in self.classes[owner].body
                for n in _class_scope(stmt)
            ):
                return None  # a value's __set_name__ may add attributes to its owner
            if owner not in ("object", "type") and self._defines(owner, "__slots__"):
                return None  # each slot is an attribute (a member descriptor)
        if attribute in _TYPE_ATTRIBUTES:
            return True
        return self._defines(name, attribute)


def _class_scope(stmt: ast.stmt) -> Iterator[ast.AST]:
    """The nodes of a class body's statement that bind in the class's namespace."""
    stack: list[ast.AST] = [stmt]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        stack.extend(ast.iter_child_nodes(node))


def candidate(stmt: ast.stmt) -> bool:
    """Whether ``stmt`` may be one this module judges (cheap: most statements are not)."""
    match stmt:
        case ast.ClassDef():
            return bool(stmt.bases or stmt.decorator_list)
        case ast.Assign(value=value) | ast.Expr(value=value):
            return isinstance(value, ast.Attribute | ast.Subscript | ast.Call)
        case ast.If(test=test):
            return isinstance(test, ast.Call)
    return False


def failure(facts: Facts, stmt: ast.stmt) -> str | None:
    """Why the top-level ``stmt`` always raises (see the module's docstring); ``None`` when it
    may succeed. Call :meth:`Facts.see` after it, in order."""
    match stmt:
        case ast.ClassDef():
            return _class_failure(facts, stmt)
        case ast.Assign(value=value) | ast.Expr(value=value):
            return (
                _attribute(facts, value)
                or _subscript(facts, value)
                or _pattern(facts, value)
                or abstract_call(facts, value)
                or protocol_use(facts, value)
            )
        case ast.If(test=test):
            return protocol_use(facts, test)
    return None


def _class_failure(facts: Facts, cls: ast.ClassDef) -> str | None:
    for base in cls.bases:
        if isinstance(base, ast.Name) and base.id in _FINAL and facts.unbound(base.id):
            return (
                f"`class {cls.name}({base.id})` raises TypeError(type {base.id!r} is not an "
                "acceptable base type)"
            )
        if (why := _attribute(facts, base)) is not None:
            return why
    known = [facts.base(b) for b in cls.bases]
    if None in known and not cls.keywords and (why := _precedence(facts, cls)) is not None:
        return why
    if not cls.bases or None in known or cls.keywords:
        return _unique(facts, cls)
    names = [k for k in known if k is not None]
    shown = ", ".join(names)
    if len(set(names)) < len(names):
        twice = next(n for n in names if names.count(n) > 1)
        return f"`class {cls.name}({shown})` raises TypeError(duplicate base class {twice})"
    metas = [facts.metaclass(n) for n in names]
    winner = "type"
    for meta in metas:
        if facts._subclass(meta, winner):
            winner = meta
        elif not facts._subclass(winner, meta):
            return (
                f"`class {cls.name}({shown})` raises TypeError(metaclass conflict: the "
                "metaclass of a derived class must be a (non-strict) subclass of the "
                "metaclasses of all its bases)"
            )
    if winner == "type" and c3([facts.mro(n) for n in names], names) is None:
        return (
            f"`class {cls.name}({shown})` raises TypeError(Cannot create a consistent method "
            f"resolution order (MRO) for bases {shown})"
        )
    if winner == "type" and _layout_conflict(facts, names):
        return (
            f"`class {cls.name}({shown})` raises TypeError(multiple bases have instance lay-out "
            "conflict): more than one of them adds slots to the instance"
        )
    return _unique(facts, cls)


def _precedence(facts: Facts, cls: ast.ClassDef) -> str | None:
    """``class C(A, B)`` where the module's class ``B`` derives from ``A`` (through the module's
    own class statements): ``A`` must come before ``B`` (the order of C's bases) and after it
    (B's order), whatever ``A`` is -- no consistent MRO. Each base's name is bound once."""
    spelled = [ast.dump(b) for b in cls.bases]
    roots = [_root(b) for b in cls.bases]
    if any(r is None or not facts.once(r) for r in roots):
        return None
    for j, base in enumerate(cls.bases):
        if not isinstance(base, ast.Name):
            continue
        ancestors = _ancestors(facts, base.id, 0)
        earlier = next((i for i in range(j) if spelled[i] in ancestors), None)
        if earlier is not None:
            shown = ", ".join(ast.unparse(b) for b in cls.bases)
            return (
                f"`class {cls.name}({shown})` raises TypeError(Cannot create a consistent method "
                f"resolution order (MRO)): {base.id} derives from "
                f"{ast.unparse(cls.bases[earlier])}, which comes before it"
            )
    return None


def _root(node: ast.expr) -> str | None:
    """The name a base's spelling starts from (``ehost`` of ``ehost.Checker``)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _ancestors(facts: Facts, name: str, depth: int) -> set[str]:
    """The spellings (``ast.dump``) of the bases of the module's class ``name``, and of theirs
    through the module's own undecorated class statements without keywords."""
    cls = facts.defined.get(name)
    if cls is None or cls.keywords or cls.decorator_list or depth > 10:
        return set()
    found = {ast.dump(b) for b in cls.bases}
    for base in cls.bases:
        if isinstance(base, ast.Name) and facts.once(base.id):
            found |= _ancestors(facts, base.id, depth + 1)
    return found


_LAYOUT_FREE = {"__dict__", "__weakref__"}


def _slots(cls: ast.ClassDef) -> set[str] | None:
    """The names a literal ``__slots__`` in ``cls``'s body lists (empty: none given), ``None``
    when it is not a literal."""
    for stmt in cls.body:
        match stmt:
            case ast.Assign(targets=[ast.Name(id="__slots__")], value=value):
                try:
                    literal = ast.literal_eval(value)
                except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                    return None
                if isinstance(literal, str):
                    return {literal}
                if isinstance(literal, tuple | list) and all(isinstance(x, str) for x in literal):
                    return set(literal)
                return None
    return set()


def _solid(facts: Facts, name: str, depth: int) -> str | None:
    """The known class whose instance layout ``name``'s extends (its "solid base": the nearest
    class, itself included, whose ``__slots__`` adds a slot), ``None`` when not known."""
    if name == "object":
        return name
    if name == "type" or depth > 20:
        return None
    cls = facts.classes[name]
    slots = _slots(cls)
    if slots is None:
        return None
    if slots - _LAYOUT_FREE:
        return name
    best = "object"
    for base in [facts.base(b) for b in cls.bases]:
        solid = _solid(facts, base, depth + 1) if base is not None else None
        if solid is None:
            return None
        if facts._subclass(solid, best):
            best = solid
    return best


def _layout_conflict(facts: Facts, names: list[str]) -> bool:
    """Two bases whose instance layouts extend different classes with slots, neither a
    subclass of the other: ``type`` cannot lay out the instance."""
    solids = [_solid(facts, n, 0) for n in names]
    if None in solids:
        return False
    known = [s for s in solids if s is not None]
    return any(
        not facts._subclass(a, b) and not facts._subclass(b, a) for a in known for b in known
    )


def _attribute(facts: Facts, node: ast.expr) -> str | None:
    """``Base.Name`` where the known class ``Base`` has no ``Name``."""
    match node:
        case ast.Attribute(value=ast.Name(id=owner), attr=attr) if owner in facts.classes:
            if facts.has_attribute(owner, attr) is False:
                return (
                    f"`{owner}.{attr}` raises AttributeError(type object {owner!r} has no "
                    f"attribute {attr!r})"
                )
    return None


def _subscript(facts: Facts, node: ast.expr) -> str | None:
    """``Cls[int]`` where the known class ``Cls`` has no ``__class_getitem__`` (it is not
    ``Generic``: a known class has only known bases) and its metaclass is ``type``."""
    match node:
        case ast.Subscript(value=ast.Name(id=owner)) if owner in facts.classes:
            if facts.has_attribute(owner, "__class_getitem__") is False:
                return f"`{_shown(node)}` raises TypeError(type {owner!r} is not subscriptable)"
    return None


def _shown(node: ast.AST) -> str:
    text = ast.unparse(node).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."


_ENUMS = {"enum.Enum": object, "enum.IntEnum": int, "enum.StrEnum": str}
_LITERALS = (int, str, float, bytes, bool, type(None), tuple)


def _enum_name(facts: Facts, node: ast.expr) -> str | None:
    match node:
        case ast.Attribute(value=ast.Name(id=module), attr=attr):
            return f"{facts.imports[module]}.{attr}" if module in facts.imports else None
        case ast.Name(id=name):
            return facts.imports.get(name)
    return None


def _unique(facts: Facts, cls: ast.ClassDef) -> str | None:
    if not any(_enum_name(facts, d) == "enum.unique" for d in cls.decorator_list):
        return None
    if len(cls.bases) != 1 or cls.keywords:
        return None
    kind = _ENUMS.get(_enum_name(facts, cls.bases[0]) or "")
    if kind is None:
        return None
    members: list[tuple[str, object]] = []
    for stmt in cls.body:
        match stmt:
            case ast.Assign(targets=[ast.Name(id=name)], value=value) if not name.startswith("_"):
                try:
                    literal = ast.literal_eval(value)
                except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                    return None
                wanted = _LITERALS if kind is object else kind
                if not isinstance(literal, wanted) or (kind is int and isinstance(literal, bool)):
                    return None
                members.append((name, literal))
            case ast.Expr(value=ast.Constant(value=str())) | ast.Pass():
                pass
            case ast.FunctionDef(name=name) if not (name.startswith("_") and name.endswith("_")):
                pass
            case _:
                return None  # _ignore_, __new__, _missing_, auto(), a descriptor...
    names = [n for n, _ in members]
    if len(set(names)) < len(names):
        return None  # a reused name is another error
    aliases = []
    for i, (name, member) in enumerate(members):
        first = next((n for n, v in members[:i] if v == member), None)
        if first is not None:
            aliases.append(f"{name} -> {first}")
    if not aliases:
        return None
    return (
        f"`@unique class {cls.name}` raises ValueError(duplicate values found in <enum "
        f"{cls.name!r}>: {', '.join(aliases)})"
    )


def _pattern(facts: Facts, node: ast.expr) -> str | None:
    """``re.compile("(unclosed")``: the pattern does not compile in the target's Python (only
    judged when it is plugcheck's own version)."""
    match node:
        case ast.Call(
            func=ast.Attribute(value=ast.Name(id=module), attr="compile"),
            args=[ast.Constant(value=str() | bytes() as pattern)],
            keywords=[],
        ) if facts.imports.get(module) == "re" and facts.same_python:
            pass
        case _:
            return None
    if len(pattern) > 10_000:
        return None
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"`re.compile({pattern!r})` raises re.error({exc})"
    except Exception:
        return None
    return None


def same_python(version: tuple[int, ...]) -> bool:
    """Whether the target runs plugcheck's own Python version (major and minor)."""
    return tuple(version[:2]) == sys.version_info[:2]


@plugin_check(PC515)
def class_literals_raise(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    same = same_python(ctx.env.version)
    for reached in import_walk(ctx, plugin).reached:
        if reached.kind is not Kind.SURE or not reached.own:
            continue
        path = reached.path
        info = ctx.index.info(path)
        if info is None or info.tree is None:
            continue
        facts: Facts | None = None
        for i, stmt in enumerate(info.tree.body):
            if always_raises(stmt, ctx.env) is not None:
                break  # import_raises reports it: the statements after it never run
            why = _star_of_string(ctx, plugin, reached.module, path, stmt)
            if why is None and candidate(stmt):
                if facts is None:  # what the statements before it defined, once per module
                    facts = Facts(info, same)
                    for before in info.tree.body[:i]:
                        facts.see(before)
                why = failure(facts, stmt)
            if facts is not None:
                facts.see(stmt)
            if why is None:
                continue
            # A decorated class's statement starts at its first decorator (the traceback's).
            decorators = stmt.decorator_list if isinstance(stmt, ast.ClassDef) else []
            first = decorators[0] if decorators else None
            where = first or stmt
            col = where.col_offset if first is None else where.col_offset - 1
            yield PC515.at(
                plugin,
                Location(path, where.lineno, col + 1),
                f"{why}: it runs whenever the host imports {plugin.module}, so the import "
                "always fails",
                fix="correct the class statement or the literal, or move the code into a "
                "function the host calls",
            )
            break  # the import stops at the first statement that raises


def _star_of_string(
    ctx: Context, plugin: Plugin, module: str, path: Path, stmt: ast.stmt
) -> str | None:
    """``from .impl import *`` in ``module`` (its file ``path``) where the plugin's own
    ``impl`` sets an ``__all__`` it cannot use (``rules.star_all``), or ``__all__ = ("new")``:
    a string, whose characters the star import takes as names (AttributeError for the first
    one ``impl`` lacks, unless a package has a submodule of that name: the star import imports
    it)."""
    if not isinstance(stmt, ast.ImportFrom) or not any(a.name == "*" for a in stmt.names):
        return None
    roots = ctx.roots(plugin)
    # The module the star import names, by name as Python finds it: `from . import *` in a
    # submodule names its package, `from pkg import *` the package, wherever its files are.
    names = list(import_targets([stmt], package_of(module, path), target_of(ctx)))
    star = ctx.index.find_module(names[-1], roots) if names else None
    if star is None or ctx.index.real(star) not in {ctx.index.real(p) for p in plugin.files}:
        return None
    info = ctx.index.info(star)
    if info is None or info.tree is None:
        return None
    facts = Facts(info, same_python=False)
    if facts.opaque or facts.counts["__all__"] != 1 or facts.counts["__getattr__"]:
        return None
    for top in info.tree.body:
        match top:
            case ast.Assign(targets=[ast.Name(id="__all__")], value=value) if why := unusable_all(
                value, _objects(info, facts)
            ):
                return f"`{_shown_import(stmt)}` raises TypeError: {names[-1]}'s {why}"
            case ast.Assign(targets=[ast.Name(id="__all__")], value=ast.Constant(value=str(text))):
                missing = next(
                    (
                        c
                        for c in text
                        if facts.counts[c] == 0
                        and not (
                            star.name == "__init__.py"
                            and ctx.index.find_module(f"{names[-1]}.{c}", roots)
                        )
                    ),
                    None,
                )
                if missing is None:
                    return None
                return (
                    f"`{_shown_import(stmt)}` raises AttributeError(module has no attribute "
                    f"{missing!r}): {names[-1]}'s __all__ = {text!r} is a string, not a tuple, "
                    "so the star import takes its characters as names"
                )
    return None


def _objects(info: ModuleInfo, facts: Facts) -> dict[str, str]:
    """The module's names bound once, by a top-level ``def`` or ``class``."""
    tree = info.tree.body if info.tree is not None else []
    return {
        s.name: "class" if isinstance(s, ast.ClassDef) else "function"
        for s in tree
        if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and facts.once(s.name)
    }


def _shown_import(stmt: ast.ImportFrom) -> str:
    return f"from {'.' * stmt.level}{stmt.module or ''} import *"
