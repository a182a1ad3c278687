"""Read-only parsing of plugin modules into per-module symbol tables (stdlib ``ast``).

``ast`` is used here rather than libcst because this pass only reads: on the benchmark it
parses about 15x faster than libcst with positions (see bench/bench_static.py; libcst is only
a benchmark baseline there, not a dependency of plugcheck).
"""

from __future__ import annotations

import ast
import enum
import sys
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any


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
    """For classes: the names of the functions defined in the class body."""
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
    star_imports: list[tuple[str, int]] = field(default_factory=list)
    """``from M import *``: (module, level); names from there are unresolved."""
    work: list[Statement] = field(default_factory=list)
    imports: list[ImportRef] = field(default_factory=list)
    deleted: dict[str, int] = field(default_factory=dict)
    """Names a module-level ``del`` removes for good: name -> line of the ``del``."""
    redefined: dict[str, int] = field(default_factory=dict)
    """Functions the module body defines more than once: name -> line of the last ``def``."""
    _tree: ast.Module | None = None
    _source: str | bytes = b""
    _grammar: tuple[int, int] | None = None
    reparsed: int = 0
    """How often the tree was parsed again after ``release()`` (the bench counts these)."""

    @property
    def tree(self) -> ast.Module:
        """The syntax tree; parsed again from the same source after ``release()``."""
        if self._tree is None:
            self._tree = ast.parse(
                self._source, filename=str(self.path), feature_version=self._grammar
            )
            self.reparsed += 1
        return self._tree

    def release(self) -> None:
        """Drop the syntax tree (most of this object's memory); what the collector extracted
        stays. A large run keeps thousands of modules: their trees are not kept for its end."""
        self._tree = None


@dataclass(frozen=True, slots=True)
class ParseFailure:
    path: Path
    line: int
    col: int
    message: str


def parse_file(path: Path, target: tuple[int, int] | None = None) -> ModuleInfo | ParseFailure:
    """Parse ``path`` with the grammar of Python ``target`` (default: ours); never raises."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ParseFailure(path, 1, 1, f"cannot read file: {exc.strerror or exc}")
    return parse_source(path, data, target)


def parse_source(
    path: Path, data: bytes, target: tuple[int, int] | None = None
) -> ModuleInfo | ParseFailure:
    nul = data.find(b"\0")
    if nul >= 0:
        line, col = _position(data, nul)
        return ParseFailure(path, line, col, "source contains a NUL byte")
    try:
        # The interpreter accepts a UTF-8 byte-order mark; ast.parse(str) does not.
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        # PEP 263 coding cookies are honoured by compile(); try that before failing.
        if not _has_coding_cookie(data):
            line, col = _position(data, exc.start)
            return ParseFailure(path, line, col, f"not valid UTF-8 ({exc.reason})")
        text = None
    ours = sys.version_info[:2]
    # ast refuses versions below 3.4 with an assertion; newer than ours parses as ours.
    grammar = None if target is None or target[0] < 3 else max(target, (3, 4))
    try:
        tree = ast.parse(
            text if text is not None else data, filename=str(path), feature_version=grammar
        )
    except SyntaxError as exc:
        # Decoding errors under a coding cookie come with offset -1.
        line, col = max(exc.lineno or 1, 1), max(exc.offset or 1, 1)
        message = f"syntax error: {exc.msg}"
        if target is not None and target > ours:
            message += (
                f" (read with Python {ours[0]}.{ours[1]}'s grammar; the target is "
                f"{target[0]}.{target[1]}: run plugcheck with a Python at least as new)"
            )
        elif target is not None and target < ours:
            message += f" (the target is Python {target[0]}.{target[1]})"
        return ParseFailure(path, line, col, message)
    except (ValueError, UnicodeDecodeError) as exc:
        return ParseFailure(path, 1, 1, f"cannot parse: {exc}")
    info = ModuleInfo(
        path=path, _tree=tree, _source=text if text is not None else data, _grammar=grammar
    )
    _Collector(info).module(tree)
    lines: dict[str, list[int]] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            lines.setdefault(stmt.name, []).append(stmt.lineno)
    info.redefined = {name: at[-1] for name, at in lines.items() if len(at) > 1}
    return info


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def _has_coding_cookie(data: bytes) -> bool:
    head = data.split(b"\n", 2)[:2]
    return any(b"coding" in line and line.lstrip().startswith(b"#") for line in head)


def dotted_name(node: ast.expr) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


_LITERAL_NODES = (ast.Constant, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.JoinedStr)
_LITERAL_TYPES = {ast.List: "list", ast.Tuple: "tuple", ast.Dict: "dict", ast.Set: "set"}
_EFFECTFUL = {
    "open",
    "exec",
    "eval",
    "input",
    "print",
    "breakpoint",
    "os.system",
    "os.popen",
    "os.remove",
    "os.unlink",
    "os.makedirs",
    "os.mkdir",
    "os.chdir",
    "os.fork",
    "os.kill",
    "shutil.rmtree",
    "shutil.copy",
    "shutil.copytree",
    "shutil.move",
    "urllib.request.urlopen",
    "socket.socket",
    "socket.create_connection",
    "time.sleep",
}
_EFFECTFUL_MODULES = ("subprocess.", "requests.", "httpx.")
_GUARDS = {"TYPE_CHECKING", "typing.TYPE_CHECKING"}


def effectful_call(node: ast.AST, symbols: Mapping[str, Symbol] | None = None) -> str | None:
    """The first call in ``node`` to a function known to act on the outside world.

    With the module's ``symbols`` bound so far, names resolve through its imports
    (``import subprocess as sp; sp.run``, ``from time import sleep``), and a name the module
    defines itself (its own ``open``) is not the builtin.
    """
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            name = canonical_name(dotted_name(sub.func), symbols)
            if name and (name in _EFFECTFUL or name.startswith(_EFFECTFUL_MODULES)):
                return name
            if isinstance(sub.func, ast.Attribute) and isinstance(sub.func.value, ast.Call):
                inner = canonical_name(dotted_name(sub.func.value.func), symbols)
                if inner in {"open", "pathlib.Path", "Path"} and sub.func.attr in _IO_METHODS:
                    return f"{inner}(...).{sub.func.attr}"
            if isinstance(sub.func, ast.Attribute) and sub.func.attr in _PATH_IO_METHODS:
                # Path-only names: `(Path(__file__).parent / "x.json").read_text()`.
                return dotted_name(sub.func) or f"(...).{sub.func.attr}"
    return None


def canonical_name(name: str | None, symbols: Mapping[str, Symbol] | None) -> str | None:
    """``name`` with its first part replaced by the module an import binds it to."""
    head, dot, rest = (name or "").partition(".")
    symbol = symbols.get(head) if symbols else None
    if name is None or symbol is None:
        return name
    if symbol.kind is not SymbolKind.IMPORT:
        return None  # the module's own function or variable, not a library's
    if symbol.import_level or not symbol.import_module:
        return name
    base = symbol.import_module
    if symbol.import_name:
        base = f"{base}.{symbol.import_name}"
    return base + dot + rest


_IO_METHODS = {"read", "write", "read_text", "write_text", "read_bytes", "write_bytes", "touch"}
_PATH_IO_METHODS = {"read_text", "write_text", "read_bytes", "write_bytes", "touch"}


class _Collector:
    def __init__(self, info: ModuleInfo) -> None:
        self.info = info

    def module(self, tree: ast.Module) -> None:
        for index, stmt in enumerate(tree.body):
            if index == 0 and _is_docstring(stmt):
                continue
            self.statement(stmt, conditional=False, top=True)
        for node in _statements(tree.body):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    self.info.imports.append(
                        ImportRef(alias.name, (), 0, node.lineno, node.col_offset + 1)
                    )
            elif isinstance(node, ast.ImportFrom):
                self.info.imports.append(
                    ImportRef(
                        node.module or "",
                        tuple(a.name for a in node.names),
                        node.level,
                        node.lineno,
                        node.col_offset + 1,
                    )
                )

    def work(self, stmt: ast.stmt, description: str, call: str | None = None) -> None:
        self.info.work.append(
            Statement(
                stmt.lineno,
                stmt.col_offset + 1,
                stmt.end_lineno,
                (stmt.end_col_offset or 0) + 1,
                description,
                call,
            )
        )

    def class_work(self, body: list[ast.stmt]) -> None:
        """A class body runs when the module is imported: its calls, loops and I/O are work."""
        for stmt in body:
            what = None
            match stmt:
                case ast.Expr(value=ast.Call(func=func)):
                    what = f"call to {dotted_name(func) or 'a function'}()"
                case ast.For() | ast.AsyncFor() | ast.While():
                    what = f"`{type(stmt).__name__.lower().removeprefix('async')}` loop"
                case ast.With() | ast.AsyncWith():
                    what = "`with` block"
                case ast.Assign() | ast.AnnAssign() if stmt.value is not None:
                    effect = effectful_call(stmt.value, self.info.symbols)
                    what = f"class attribute calling {effect}()" if effect else None
                case ast.ClassDef():
                    self.class_work(stmt.body)
                case ast.If() | ast.Try():
                    self.class_work([*stmt.body, *stmt.orelse])
            if what:
                self.work(stmt, f"{what} in a class body")

    def define(self, symbol: Symbol) -> None:
        # The last binding wins, as at run time; a conditional rebinding keeps it conditional.
        self.info.symbols[symbol.name] = symbol
        self.info.deleted.pop(symbol.name, None)

    def delete(self, name: str, line: int, *, conditional: bool) -> None:
        """``del name``: gone at run time; under ``if``/``try`` it may or may not be."""
        symbol = self.info.symbols.get(name)
        if symbol is None:
            return
        if conditional:
            if not symbol.conditional:
                self.info.symbols[name] = replace(symbol, conditional=True)
            return
        del self.info.symbols[name]
        self.info.deleted[name] = line

    def statement(self, stmt: ast.stmt, *, conditional: bool, top: bool) -> None:
        pos: dict[str, Any] = {
            "line": stmt.lineno,
            "col": stmt.col_offset + 1,
            "end_line": stmt.end_lineno,
            "end_col": (stmt.end_col_offset or 0) + 1,
            "conditional": conditional,
        }
        match stmt:
            case ast.FunctionDef() | ast.AsyncFunctionDef():
                kind = (
                    SymbolKind.ASYNC_FUNCTION
                    if isinstance(stmt, ast.AsyncFunctionDef)
                    else SymbolKind.FUNCTION
                )
                args = stmt.args
                every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
                every += [a for a in (args.vararg, args.kwarg) if a]
                annotated = stmt.returns is not None or any(a.annotation for a in every)
                self.define(Symbol(stmt.name, kind, annotated=annotated, **pos))
            case ast.ClassDef():
                bases = tuple(n for n in (dotted_name(b) for b in stmt.bases) if n)
                methods = tuple(
                    s.name
                    for s in stmt.body
                    if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
                )
                protocol_call = (
                    any(b.rsplit(".", 1)[-1] == "Protocol" for b in bases) and "__call__" in methods
                )
                self.define(
                    Symbol(
                        stmt.name,
                        SymbolKind.CLASS,
                        bases=bases,
                        is_protocol_with_call=protocol_call,
                        methods=methods,
                        **pos,
                    )
                )
                if top:
                    self.class_work(stmt.body)
            case ast.Import():
                for alias in stmt.names:
                    bound = alias.asname or alias.name.partition(".")[0]
                    module = alias.name if alias.asname else bound
                    self.define(Symbol(bound, SymbolKind.IMPORT, import_module=module, **pos))
            case ast.ImportFrom():
                module = stmt.module or ""
                for alias in stmt.names:
                    if alias.name == "*":
                        self.info.star_imports.append((module, stmt.level))
                        continue
                    self.define(
                        Symbol(
                            alias.asname or alias.name,
                            SymbolKind.IMPORT,
                            import_module=module,
                            import_name=alias.name,
                            import_level=stmt.level,
                            **pos,
                        )
                    )
            case ast.Assign() | ast.AnnAssign() | ast.AugAssign():
                self.assignment(stmt, pos, top=top)
            case ast.If():
                if is_main_guard(stmt.test):
                    # Only the `else:` of a `__main__` guard runs when the host imports us.
                    for sub in stmt.orelse:
                        self.statement(sub, conditional=True, top=top)
                    return
                guarded = is_type_checking(stmt.test)
                # Names bound under `if TYPE_CHECKING:` do not exist when the host imports us.
                for sub in stmt.orelse if guarded else [*stmt.body, *stmt.orelse]:
                    self.statement(sub, conditional=True, top=top)
            case ast.Try():
                for index, sub in enumerate(stmt.body):
                    if _import_preparation(stmt, index):
                        continue
                    self.statement(sub, conditional=True, top=top)
                for sub in [*stmt.orelse, *stmt.finalbody]:
                    self.statement(sub, conditional=True, top=top)
                for handler in stmt.handlers:
                    for sub in handler.body:
                        self.statement(sub, conditional=True, top=top)
            case ast.Expr() if _is_docstring(stmt) or isinstance(stmt.value, ast.Constant):
                pass
            case ast.Expr() if _all_method(stmt.value):
                self.all_call(stmt.value)
            case ast.Expr() if _import_call(stmt.value, self.info.symbols):
                pass  # `__import__("x")`, `importlib.import_module("x")`: an import, not work
            case ast.Expr():
                name = dotted_name(stmt.value.func) if isinstance(stmt.value, ast.Call) else None
                if top:
                    what = f"call to {name}()" if name else "expression statement"
                    self.work(stmt, what, name)
            case ast.Delete():
                for target in stmt.targets:
                    for deleted in (
                        target_names(target) if not isinstance(target, ast.Attribute) else []
                    ):
                        self.delete(deleted, stmt.lineno, conditional=conditional)
            case ast.Pass() | ast.Global() | ast.Nonlocal() | ast.Assert():
                pass
            case ast.For() | ast.AsyncFor() | ast.While():
                if top:
                    self.work(stmt, f"`{type(stmt).__name__.lower()}` loop")
            case ast.With() | ast.AsyncWith():
                # `with suppress(ImportError): import x` (keyring's `with ExceptionTrap()`)
                # only guards imports; another `with` does work when it enters.
                if top and not _imports_only(stmt.body):
                    self.work(stmt, "`with` block")
                for sub in stmt.body:
                    self.statement(sub, conditional=conditional, top=False)
            case ast.Raise():
                if top and not conditional:
                    self.work(stmt, "`raise` at module level")
            case _:
                if top:
                    self.work(stmt, f"`{type(stmt).__name__}` statement")

    def assignment(
        self, stmt: ast.Assign | ast.AnnAssign | ast.AugAssign, pos: dict[str, Any], *, top: bool
    ) -> None:
        value = stmt.value
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        if value is not None and top and (call := effectful_call(value, self.info.symbols)):
            self.work(stmt, f"assignment calling {call}()")
        for target in targets:
            if isinstance(target, ast.Name) and target.id == "__all__":
                self.dunder_all(stmt, value)
                continue
            names = target_names(target)
            if isinstance(stmt, ast.AugAssign):
                continue
            for name in names:
                single = len(names) == 1 and isinstance(target, ast.Name)
                self.define(_assigned(name, value if single else None, pos))

    def all_call(self, call: ast.expr) -> None:
        """``__all__.append("x")`` / ``__all__.extend([...])``: declarations, not work."""
        assert isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
        arg = call.args[0] if len(call.args) == 1 and not call.keywords else None
        if call.func.attr == "extend":
            names = _literal_strings(arg)
        elif isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            names = [arg.value]
        else:
            names = None
        if names is None or self.info.all_names is None or self.info.all_dynamic:
            self.info.all_dynamic = True
            return
        self.info.all_names += tuple(names)

    def dunder_all(self, stmt: ast.stmt, value: ast.expr | None) -> None:
        names = _literal_strings(value)
        if isinstance(stmt, ast.AugAssign):
            if names is None or self.info.all_names is None:
                self.info.all_dynamic = True
                return
            self.info.all_names += tuple(names)
            return
        if names is None:
            self.info.all_dynamic = True
            self.info.all_names = ()
        else:
            self.info.all_names = tuple(names)
        self.info.all_line = stmt.lineno
        self.info.all_col = stmt.col_offset + 1


def _assigned(name: str, value: ast.expr | None, pos: dict[str, Any]) -> Symbol:
    kind: ValueKind = ValueKind.OTHER
    value_name = literal_type = None
    if isinstance(value, _LITERAL_NODES):
        kind = ValueKind.LITERAL
        if isinstance(value, ast.Constant):
            literal_type = type(value.value).__name__
        elif isinstance(value, ast.JoinedStr):
            literal_type = "str"
        else:
            literal_type = _LITERAL_TYPES[type(value)]
    elif isinstance(value, ast.Lambda):
        kind = ValueKind.LAMBDA
    elif isinstance(value, ast.Name | ast.Attribute):
        kind = ValueKind.NAME
        value_name = dotted_name(value)
    elif isinstance(value, ast.Call):
        kind = ValueKind.CALL
        value_name = dotted_name(value.func)
    elif isinstance(value, ast.Subscript):
        value_name = dotted_name(value.value)
    return Symbol(
        name,
        SymbolKind.ASSIGN,
        value_kind=kind,
        value_name=value_name,
        literal_type=literal_type,
        **pos,
    )


def target_names(target: ast.expr) -> list[str]:
    """The names an assignment target binds (``a, (b, *c) = ...``)."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [n for elt in target.elts for n in target_names(elt)]
    if isinstance(target, ast.Starred):
        return target_names(target.value)
    return []


def _literal_strings(value: ast.expr | None) -> list[str] | None:
    if isinstance(value, ast.List | ast.Tuple) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts
    ):
        return [
            e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
        ]
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        left, right = _literal_strings(value.left), _literal_strings(value.right)
        if left is not None and right is not None:
            return left + right
    return None


_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")


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


_IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError"}


_IMPORT_CALLS = {"__import__", "importlib.import_module"}


def _import_call(node: ast.expr, symbols: Mapping[str, Symbol] | None = None) -> bool:
    """A call that imports a module by name (``__import__``, ``importlib.import_module``), with
    plain arguments: it does what an import statement does."""
    return (
        isinstance(node, ast.Call)
        and canonical_name(dotted_name(node.func), symbols) in _IMPORT_CALLS
        and not any(isinstance(n, ast.Call) for a in node.args for n in ast.walk(a))
    )


def _imports_only(body: list[ast.stmt]) -> bool:
    """Only imports (also under try/except), ``pass`` and call-free expressions."""
    for stmt in body:
        match stmt:
            case ast.Import() | ast.ImportFrom() | ast.Pass():
                pass
            case ast.Expr() if _import_call(stmt.value):
                pass
            case ast.Expr() if not any(isinstance(n, ast.Call) for n in ast.walk(stmt)):
                pass
            case ast.Try():
                parts = [stmt.body, *(h.body for h in stmt.handlers)]
                if stmt.orelse:
                    parts.append(stmt.orelse)
                if not all(map(_imports_only, parts)):
                    return False
            case _:
                return False
    return bool(body)


def _import_preparation(stmt: ast.Try, index: int) -> bool:
    """``try: import gi; gi.require_version("Secret", "1"); from gi.repository import Secret
    except ImportError: ...``: a call that readies a later import in an import-guarding try."""
    call = stmt.body[index]
    if not (isinstance(call, ast.Expr) and isinstance(call.value, ast.Call)):
        return False
    if effectful_call(call) is not None:
        return False
    caught = set()
    for handler in stmt.handlers:
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        caught |= {(dotted_name(t) or "").rsplit(".", 1)[-1] for t in types if t is not None}
    later = stmt.body[index + 1 :]
    return bool(caught & _IMPORT_ERRORS) and any(
        isinstance(s, ast.Import | ast.ImportFrom) for s in later
    )


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement, nested ones included, without visiting expressions (much cheaper)."""
    stack = list(reversed(body))
    while stack:
        stmt = stack.pop()
        yield stmt
        for name in _BODIES:
            children = getattr(stmt, name, None)
            if children:
                stack.extend(reversed(children))


def _is_docstring(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Constant)
        and isinstance(stmt.value.value, str)
    )


def _all_method(value: ast.expr) -> bool:
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in {"append", "extend"}
        and isinstance(value.func.value, ast.Name)
        and value.func.value.id == "__all__"
    )


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
    return dotted_name(test) in _GUARDS


def call_fits(args: ast.arguments, positional: int, keywords: Collection[str]) -> bool:
    """Whether a call with ``positional`` positional arguments and the ``keywords`` binds to a
    function with parameters ``args`` (Python's own rules: no missing, duplicate or unknown
    argument)."""
    params = [*args.posonlyargs, *args.args]
    if positional > len(params) and args.vararg is None:
        return False
    filled = {p.arg for p in params[:positional]}
    kwonly = {a.arg for a in args.kwonlyargs}
    by_name = {p.arg for p in args.args} | kwonly
    for key in keywords:
        if key in filled:
            return False
        if key in by_name:
            filled.add(key)
        elif args.kwarg is None:
            return False
    required = [p.arg for p in params[: len(params) - len(args.defaults)]]
    required += [a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is None]
    return all(name in filled for name in required)


def own_nodes(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """The nodes of ``fn``'s body, not those of functions or classes nested in it."""
    stack: list[ast.AST] = list(reversed(fn.body))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            stack.extend(reversed(list(ast.iter_child_nodes(node))))
