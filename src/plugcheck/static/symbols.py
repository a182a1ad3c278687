"""What parsing a module yields: its symbol table (``ModuleInfo``, ``Symbol``), its import-time
work and imports, or why it could not be parsed (``ParseFailure``)."""

from __future__ import annotations

import ast
import enum
import hashlib
import importlib.util
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from plugcheck import untrusted
from plugcheck.static.syntax import TREE_FIELDS

_N = TypeVar("_N", bound=ast.AST)
_T = TypeVar("_T")


class SymbolKind(enum.Enum):
    FUNCTION = "function"
    ASYNC_FUNCTION = "async function"
    CLASS = "class"
    IMPORT = "import"
    ASSIGN = "assignment"


class ValueKind(enum.Enum):
    """What an assignment's right-hand side is, as far as syntax tells."""

    LITERAL = "literal"
    LAMBDA = "lambda"
    NAME = "name"
    CALL = "call"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Symbol:
    name: str
    kind: SymbolKind
    line: int
    col: int
    end_line: int | None = None
    end_col: int | None = None
    conditional: bool = False
    """Defined under ``if``/``try``: may not exist at run time."""
    value_kind: ValueKind | None = None
    value_name: str | None = None
    """For ``x = y`` or ``x = y.z``: the dotted name on the right."""
    literal_type: str | None = None
    """For literal assignments: the literal's type name (``int``, ``str``...)."""
    import_module: str | None = None
    """For imports: the module imported from (``from M import x``) or imported (``import M``)."""
    import_name: str | None = None
    """For ``from M import x``: ``x``; ``None`` for ``import M``."""
    import_level: int = 0
    bases: tuple[str, ...] = ()
    """For classes: the dotted names of their bases."""
    is_protocol_with_call: bool = False
    methods: tuple[str, ...] = ()
    """For classes: the names the class body binds to a function (a ``def``) or, by an
    assignment, to a value (``__call__ = staticmethod(make)``)."""
    annotated: bool = False
    """For functions: has a return annotation or any parameter annotation."""


@dataclass(frozen=True, slots=True)
class Statement:
    """A module-level statement that does work at import time."""

    line: int
    col: int
    end_line: int | None
    end_col: int | None
    description: str
    call: str | None = None
    """For a call statement: the dotted name called, as written (``MANAGER.register_transform``)."""


@dataclass(frozen=True, slots=True)
class Construction:
    """``return Name(...)`` in a function the module body defines: the call's position and its
    argument shape with every value ``Any`` (``_pc.ANY, key=_pc.ANY``; ``None`` with ``*args``
    or ``**kw``), what the mypy pass replays to check the class's constructor."""

    name: str
    line: int
    col: int
    end_line: int | None
    end_col: int
    arguments: str | None


@dataclass(frozen=True, slots=True)
class ImportRef:
    """Any import anywhere in the module (for identity and dependency rules)."""

    module: str
    names: tuple[str, ...]
    level: int
    line: int
    col: int


@dataclass(slots=True)
class ModuleInfo:
    path: Path
    symbols: dict[str, Symbol] = field(default_factory=dict)
    all_names: tuple[str, ...] | None = None
    all_line: int = 1
    all_col: int = 1
    all_dynamic: bool = False
    writes_globals: bool = False
    """The module binds names it computes (``globals()[rank] = rank``, ``globals().update(...)``):
    which names it defines cannot be told from its code."""
    star_imports: list[tuple[str, int]] = field(default_factory=list)
    """``from M import *``: (module, level); names from there are unresolved."""
    work: list[Statement] = field(default_factory=list)
    imports: list[ImportRef] = field(default_factory=list)
    deleted: dict[str, int] = field(default_factory=dict)
    """Names a module-level ``del`` removes for good: name -> line of the ``del``."""
    redefined: dict[str, int] = field(default_factory=dict)
    """Functions the module body defines more than once: name -> line of the last ``def``."""
    constructions: dict[int, tuple[Construction, ...]] = field(default_factory=dict)
    """Functions the module body defines (also in its ``if``/``try``/``with`` blocks), by the
    line of their ``def`` -> the calls of a bare name their ``return`` statements return, in
    order (kept without the tree: the mypy pass's
    plan read the factory's tree again for them after the static pass had dropped it)."""
    every_import: list[ast.Import | ast.ImportFrom] = field(default_factory=list)
    """Every import statement of the module, at any depth (in functions, under ``if``)."""
    imports_by_name: list[str | None] = field(default_factory=list)
    """What every ``importlib.import_module(x)`` / ``__import__(x)`` call anywhere in the module
    imports: the module name when ``x`` is a string constant, ``None`` when it is computed."""
    _tree: ast.Module | None = None
    _source: str | bytes = b""
    _grammar: tuple[int, int] | None = None
    reparsed: int = 0
    """How often the tree was parsed again after ``release()`` (the bench counts these)."""
    _nodes: dict[type[ast.AST], list[ast.AST]] | None = None
    """The tree's nodes by their class, each group in ``ast.walk``'s order (see ``nodes``)."""
    _derived: dict[str, object] | None = None
    """What checks computed from the tree alone, by name (see ``derived``)."""

    @property
    def tree(self) -> ast.Module:
        """The syntax tree; parsed again from the same source after ``release()``."""
        if self._tree is None:
            self._tree = untrusted.parse(
                self._source, filename=str(self.path), feature_version=self._grammar
            )
            self.reparsed += 1
        return self._tree

    def text(self) -> str:
        """The source as parsed, decoded as the interpreter decodes it (its coding cookie,
        universal newlines): what a check quoting the module's lines reads, with no second
        read of a file that may have changed since. Raises ``UnicodeDecodeError`` or
        ``SyntaxError`` (an unknown cookie) as decoding does."""
        source = self._source
        return source if isinstance(source, str) else importlib.util.decode_source(source)

    def nodes(self, kind: type[_N]) -> list[_N]:
        """Every node of class ``kind`` (that class exactly: ``ast.Name``, not ``ast.expr``)
        anywhere in the tree, in ``ast.walk``'s order; the caller must not change the list.
        Expression contexts (``ast.Load``, ``ast.Store``, ``ast.Del``) are not among them.
        Grouped once per tree, in the walk parsing makes anyway: checks that each walked whole
        trees for a few kinds of node were a third of the static pass."""
        if self._nodes is None or self._tree is None:
            self._nodes = by_class(self.tree)
        return self._nodes.get(kind, [])  # type: ignore[return-value]  # grouped by class

    def grouped(self, groups: dict[type[ast.AST], list[ast.AST]]) -> None:
        """Keep ``groups``, this tree's nodes by class as :func:`by_class` makes them (the walk
        parsing makes anyway), for :meth:`nodes`."""
        self._nodes = groups

    def node_classes(self) -> Collection[type[ast.AST]]:
        """The classes of the tree's nodes (each group of :meth:`nodes` has one)."""
        self.nodes(ast.Module)
        return self._nodes.keys() if self._nodes is not None else ()

    def derived(self, name: str, make: Callable[[ModuleInfo], _T]) -> _T:
        """``make(self)``, computed once per tree: a value that depends on this module's
        source alone, which several checks, or one check for each function of the module,
        ask for again. Dropped with the tree."""
        if self._derived is None or self._tree is None:
            self._derived = {}
        if name not in self._derived:
            self._derived[name] = make(self)
        return self._derived[name]  # type: ignore[return-value]  # stored by make() -> _T

    def release(self) -> None:
        """Drop the syntax tree (most of this object's memory); what the collector extracted
        stays. A large run keeps thousands of modules: their trees are not kept for its end."""
        self._tree = None
        self._nodes = self._derived = None


def by_class(tree: ast.AST) -> dict[type[ast.AST], list[ast.AST]]:
    """``tree``'s nodes grouped by class, each group in ``ast.walk``'s (breadth-first) order,
    without expression contexts (``TREE_FIELDS``)."""
    groups: dict[type[ast.AST], list[ast.AST]] = {type(tree): [tree]}
    level: list[ast.AST] = [tree]
    while level:
        below: list[ast.AST] = []
        for node in level:
            for name in TREE_FIELDS[type(node)]:
                value = getattr(node, name, None)
                if isinstance(value, ast.AST):
                    below.append(value)
                elif type(value) is list:
                    for item in value:
                        if isinstance(item, ast.AST):
                            below.append(item)
        for node in below:
            group = groups.get(type(node))
            if group is None:
                groups[type(node)] = [node]
            else:
                group.append(node)
        level = below
    return groups


@dataclass(frozen=True, slots=True)
class ParseFailure:
    path: Path
    line: int
    col: int
    message: str
    importable: bool = False
    """Python may well import the file, but plugcheck cannot check it (nested too deep)."""
    newer: bool = False
    """A syntax error read with plugcheck's grammar while the target's is newer: the target's
    own compile decides (``rules/target_compile.py``)."""


@dataclass(frozen=True, slots=True)
class Stamp:
    """A file as parsing read it: its device, inode, size and modification time (taken before
    it was read), when it was read, the hash of the bytes read and whether they hold
    :data:`SUPPRESSION_MARK`. The static result cache and the suppression comments take these
    instead of reading every parsed file again while its status is the same."""

    dev: int
    ino: int
    size: int
    mtime_ns: int
    read_ns: int
    digest: str
    marked: bool

    def stands_for(self, found: os.stat_result) -> bool:
        """Whether ``found`` (a status taken later) is the status the file was read with."""
        return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns) == (
            self.dev,
            self.ino,
            self.size,
            self.mtime_ns,
        )


SUPPRESSION_MARK = b"plugcheck:"
"""What every suppression comment holds: a file without it has none."""


def content_hash(data: bytes) -> str:
    """The hash the static result cache keeps of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()
