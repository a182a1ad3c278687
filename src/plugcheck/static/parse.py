"""Read-only parsing of plugin modules into per-module symbol tables (stdlib ``ast``).

``ast`` is used here rather than libcst because this pass only reads: on the benchmark it
parses about 15x faster than libcst with positions (see bench/bench_static.py; libcst is only
a benchmark baseline there, not a dependency of plugcheck).
"""

from __future__ import annotations

import ast
import io
import sys
import time
import tokenize
import warnings
from collections.abc import Iterator
from pathlib import Path

from plugcheck import untrusted
from plugcheck.static import set_defaults
from plugcheck.static.collect import Collector
from plugcheck.static.compile_refusals import can_refuse
from plugcheck.static.effects import canonical_name, effectful_call
from plugcheck.static.function_walk import own_nodes
from plugcheck.static.symbols import (
    SUPPRESSION_MARK,
    Construction,
    ImportRef,
    ModuleInfo,
    ParseFailure,
    Stamp,
    Statement,
    Symbol,
    SymbolKind,
    ValueKind,
    content_hash,
)
from plugcheck.static.syntax import (
    TREE_FIELDS,
    call_fits,
    catches,
    dotted_name,
    is_main_guard,
    is_type_checking,
    target_names,
)
from plugcheck.untrusted import read_source_stat

__all__ = [
    "Construction",
    "ImportRef",
    "ModuleInfo",
    "ParseFailure",
    "Stamp",
    "Statement",
    "Symbol",
    "SymbolKind",
    "ValueKind",
    "call_fits",
    "canonical_name",
    "catches",
    "dotted_name",
    "effectful_call",
    "is_main_guard",
    "is_type_checking",
    "own_nodes",
    "parse_file",
    "parse_source",
    "target_names",
]


def parse_file(
    path: Path,
    target: tuple[int, int] | None = None,
    stamps: dict[str, Stamp] | None = None,
    key: str | None = None,
) -> ModuleInfo | ParseFailure:
    """Parse ``path`` with the grammar of Python ``target`` (default: ours); never raises.
    ``stamps``: where the file as read is stamped, under ``key`` (default: the path)."""
    try:
        data, found = read_source_stat(path)
    except OSError as exc:
        return ParseFailure(path, 1, 1, f"cannot read file: {exc.strerror or exc}")
    if stamps is not None:
        stamps[str(path) if key is None else key] = Stamp(
            found.st_dev,
            found.st_ino,
            found.st_size,
            found.st_mtime_ns,
            time.time_ns(),
            content_hash(data),
            SUPPRESSION_MARK in data,
        )
    return parse_source(path, data, target)


def parse_source(
    path: Path, data: bytes, target: tuple[int, int] | None = None
) -> ModuleInfo | ParseFailure:
    nul = data.find(b"\0")
    if nul >= 0:
        line, col = _position(data, nul)
        return ParseFailure(path, line, col, "source contains a NUL byte")
    text: str | None
    try:
        # The interpreter accepts a UTF-8 byte-order mark; ast.parse(str) does not.
        text = data.decode("utf-8").removeprefix("\ufeff")
        if _has_coding_cookie(data) and not _cookie_is_utf8(data):
            # The interpreter decodes by the cookie, not as UTF-8: an ``ascii`` cookie over a
            # UTF-8 literal, or a byte-order mark beside a ``latin-1`` cookie, fails its import.
            text = None
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
        tree = untrusted.parse(
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
        return ParseFailure(path, line, col, message, newer=target is not None and target > ours)
    except (ValueError, UnicodeDecodeError) as exc:
        return ParseFailure(path, 1, 1, f"cannot parse: {exc}")
    except RecursionError:
        return ParseFailure(path, 1, 1, "nested too deep for Python's parser", importable=True)
    except untrusted.TooLarge as exc:
        # Its tree would take plugcheck's memory (and the machine's) with it: not built.
        return ParseFailure(path, 1, 1, str(exc), importable=True)
    except MemoryError:
        # The parser's own stack overflowed (3,000 nested 'lambda:'): it raises MemoryError,
        # which crashed every check that read the module, other plugins' checks too (exit 2).
        return ParseFailure(path, 1, 1, "too complex for Python's parser", importable=True)
    info = ModuleInfo(
        path=path, _tree=tree, _source=text if text is not None else data, _grammar=grammar
    )
    deep = _scan(tree, info)
    if deep is not None:
        line, col = getattr(deep, "lineno", 1), getattr(deep, "col_offset", 0) + 1
        message = f"nested more than {MAX_DEPTH} levels deep, deeper than plugcheck checks"
        return ParseFailure(path, line, col, message, importable=True)
    # Compiled only where the compiler may refuse what the parser accepted (most files: no).
    utf8 = None if text is None else data
    refused = _compile_error(tree, path) if can_refuse(info, utf8) else None
    if refused is not None:
        return refused
    if b"defaults__" in data:
        set_defaults.apply(tree)
    Collector(info).module(tree)
    if b"globals()" in data or b"exec(" in data:
        info.writes_globals = _writes_globals(info)
    lines: dict[str, list[int]] = {}
    for stmt in tree.body:
        for name in _bound(stmt):
            lines.setdefault(name, []).append(stmt.lineno)
    for fn in _module_defs(tree.body):
        info.constructions[fn.lineno] = _constructions(fn.body)
    info.redefined = {name: at[-1] for name, at in lines.items() if len(at) > 1}
    return info


def _bound(stmt: ast.stmt) -> Iterator[str]:
    """The names a top-level statement binds unconditionally: a ``def``/``class``, a plain
    assignment (``new = None`` before ``def new``, ``Plugin = Upper`` after ``Plugin = None``)
    or an import. mypy types such a name by its first binding, Python keeps the last."""
    match stmt:
        case ast.FunctionDef() | ast.AsyncFunctionDef() | ast.ClassDef():
            yield stmt.name
        case ast.Assign(targets=targets):
            yield from (t.id for t in targets if isinstance(t, ast.Name))
        case ast.AnnAssign(target=ast.Name(id=name), value=value) if value is not None:
            yield name
        case ast.Import(names=names) | ast.ImportFrom(names=names):
            yield from ((a.asname or a.name).partition(".")[0] for a in names if a.name != "*")


def _module_defs(body: list[ast.stmt]) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The functions the module body defines, also in its ``if``/``try``/``with``/``match``
    blocks (which of them Python keeps is the target's to decide: ``static.kept``)."""
    for stmt in body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            yield stmt
        elif isinstance(stmt, ast.Match):
            for case in stmt.cases:
                yield from _module_defs(case.body)
        elif isinstance(stmt, ast.If | ast.Try | ast.TryStar | ast.With):
            for field in ("body", "orelse", "finalbody"):
                yield from _module_defs(getattr(stmt, field, []))
            for handler in getattr(stmt, "handlers", ()):
                yield from _module_defs(handler.body)


def _constructions(body: list[ast.stmt]) -> tuple[Construction, ...]:
    """The calls of a bare name that ``body``'s ``return`` statements return."""
    return tuple(
        Construction(
            value.func.id,
            value.lineno,
            value.col_offset + 1,
            value.end_lineno,
            (value.end_col_offset or 0) + 1,
            _arguments(value),
        )
        for stmt in _returns(body)
        if isinstance(value := stmt.value, ast.Call) and isinstance(value.func, ast.Name)
    )


def _returns(body: list[ast.stmt]) -> Iterator[ast.Return]:
    """The ``return`` statements of a function body (not those of nested functions or classes)."""
    for stmt in body:
        if isinstance(stmt, ast.Return):
            yield stmt
        elif not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            for field in ("body", "orelse", "finalbody"):
                nested = getattr(stmt, field, None)
                if nested:
                    yield from _returns(nested)
            for part in (*getattr(stmt, "handlers", ()), *getattr(stmt, "cases", ())):
                yield from _returns(part.body)


def _arguments(call: ast.Call) -> str | None:
    """``call``'s argument shape with every value ``Any`` (``_pc.ANY, key=_pc.ANY``)."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    ):
        return None
    parts = ["_pc.ANY"] * len(call.args) + [f"{k.arg}=_pc.ANY" for k in call.keywords]
    return ", ".join(parts)


def _compile_error(tree: ast.Module, path: Path) -> ParseFailure | None:
    """The error the compiler raises for a tree the parser accepts: ``return`` or ``break``
    outside their blocks, a duplicate parameter name, ``global x`` after a use of ``x``,
    ``nonlocal`` with no binding, ``await`` in a plain function, a late ``from __future__``.
    The host's import fails with this SyntaxError as with any other; ``ast.parse`` alone
    passed such a file. Compiling the tree costs most of parsing it, so only trees
    ``compile_refusals.can_refuse`` names are compiled; nothing runs."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # '"x" is 1' and similar are the compiler's warnings
            compile(tree, str(path), "exec", dont_inherit=True)
    except SyntaxError as exc:
        line, col = max(exc.lineno or 1, 1), max(exc.offset or 1, 1)
        return ParseFailure(path, line, col, f"syntax error: {exc.msg}")
    except (ValueError, TypeError, RecursionError, MemoryError):
        # Not the plugin's fault we can name: the parser accepted it, the checks go on.
        return None
    return None


MAX_DEPTH = 300
"""Deepest syntax tree plugcheck checks. The checks walk trees recursively: a plugin's
2,000-term ``1 + 1 + ...`` used to crash them with RecursionError (and the whole run with
exit 2). Hand-written code stays far below (a few dozen levels)."""


def _scan(tree: ast.Module, info: ModuleInfo) -> ast.AST | None:
    """A node of ``tree`` deeper than :data:`MAX_DEPTH`, or ``None``: level by level, without
    recursion, through the fields that may hold nodes (``TREE_FIELDS``; twice as fast as
    ``ast.iter_child_nodes``). The one walk of the whole tree in the pass: on the way it keeps
    what checks would otherwise walk the tree again for (``info.every_import``,
    ``info.imports_by_name``) and the nodes grouped by class (``info.nodes()``), each group in
    ``ast.walk``'s order (grouped here, not in a second pass over the levels: that pass was
    two fifths of this walk)."""
    level: list[ast.AST] = [tree]
    imports, by_name = info.every_import, info.imports_by_name
    fields, node_class = TREE_FIELDS, ast.AST
    groups: dict[type[ast.AST], list[ast.AST]] = {ast.Module: [tree]}
    for _ in range(MAX_DEPTH + 1):
        below: list[ast.AST] = []
        for node in level:
            for name in fields[type(node)]:
                value = getattr(node, name, None)
                if isinstance(value, node_class):
                    below.append(value)
                elif type(value) is list:
                    for item in value:
                        if isinstance(item, node_class):
                            below.append(item)
        if not below:
            info.grouped(groups)
            return None
        for node in below:
            kind = type(node)
            group = groups.get(kind)
            if group is None:
                groups[kind] = [node]
            else:
                group.append(node)
            if kind is ast.Import or kind is ast.ImportFrom:
                imports.append(node)  # type: ignore[arg-type]  # checked just above
            elif kind is ast.Call:
                _import_call(node, by_name)  # type: ignore[arg-type]  # checked just above
        level = below
    return level[0]


def _import_call(call: ast.Call, into: list[str | None]) -> None:
    """``importlib.import_module(x)``, ``__import__(x)``: what it imports (``None``: computed,
    or relative: any module may be the one) goes ``into``."""
    func = call.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if called not in ("import_module", "__import__"):
        return
    name = call.args[0] if call.args else None
    if isinstance(name, ast.Constant) and isinstance(name.value, str):
        into.append(None if name.value.startswith(".") else name.value)
    else:
        into.append(None)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def _has_coding_cookie(data: bytes) -> bool:
    head = data.removeprefix(b"\xef\xbb\xbf").split(b"\n", 2)[:2]
    return any(b"coding" in line and line.lstrip().startswith(b"#") for line in head)


def _cookie_is_utf8(data: bytes) -> bool:
    """The interpreter reads ``data`` as UTF-8 (a cookie naming it, or no valid cookie after
    all); False where it decodes otherwise or refuses the cookie (``compile`` says why)."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        return False
    return encoding in ("utf-8", "utf-8-sig")


def _writes_globals(info: ModuleInfo) -> bool:
    """``globals()[name] = value`` or ``globals().update(...)`` / ``.setdefault(...)`` anywhere
    in the module; ``exec(source, globals())`` anywhere, or ``exec(source)`` at module level,
    where it runs in the module's namespace."""

    def is_globals(node: ast.expr) -> bool:
        return (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "globals"
            and not node.args
        )

    stored = any(
        is_globals(n.value) and not isinstance(n.ctx, ast.Load) for n in info.nodes(ast.Subscript)
    )
    top = info.tree.body if info.tree is not None else []
    execs = any(
        isinstance(s, ast.Expr)
        and isinstance(s.value, ast.Call)
        and isinstance(s.value.func, ast.Name)
        and s.value.func.id == "exec"
        and len(s.value.args) == 1
        for s in top
    )
    return (
        stored
        or execs
        or any(
            (
                isinstance(n.func, ast.Attribute)
                and n.func.attr in ("update", "setdefault", "__setitem__")
                and is_globals(n.func.value)
            )
            or (
                isinstance(n.func, ast.Name)
                and n.func.id == "exec"
                and len(n.args) >= 2
                and is_globals(n.args[1])
            )
            for n in info.nodes(ast.Call)
        )
    )
