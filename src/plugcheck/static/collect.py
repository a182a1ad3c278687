"""Walking a parsed module into its symbol table: the bindings Python keeps, ``__all__``,
imports, and the statements that do work at import time."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from plugcheck.static.effects import (
    effectful_call,
    import_call,
    import_preparation,
    imports_only,
    log_record,
)
from plugcheck.static.host_state import only_filters, restores_warnings, state_target
from plugcheck.static.symbols import ImportRef, ModuleInfo, Statement, Symbol, SymbolKind, ValueKind
from plugcheck.static.syntax import (
    dotted_name,
    is_main_guard,
    is_type_checking,
    quiet_definition,
    suppressing,
    target_names,
)

_LITERAL_NODES = (ast.Constant, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.JoinedStr)
_LITERAL_TYPES = {ast.List: "list", ast.Tuple: "tuple", ast.Dict: "dict", ast.Set: "set"}


class Collector:
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
        if name == "__all__":
            # A star import of the module then carries its public names (or, when the `del`
            # may not run, either those or the listed ones).
            if conditional and self.info.all_names is not None:
                self.info.all_dynamic = True
            elif not conditional:
                self.info.all_names, self.info.all_dynamic = None, False
            return
        symbol = self.info.symbols.get(name)
        if symbol is None:
            if self.info.star_imports and not conditional:
                self.info.deleted[name] = line  # `from .impl import *` then `del new`
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
                defined = tuple(
                    s.name
                    for s in stmt.body
                    if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
                )
                protocol_call = (
                    any(b.rsplit(".", 1)[-1] == "Protocol" for b in bases) and "__call__" in defined
                )
                # `__call__ = staticmethod(make)` makes instances callable as a def does.
                methods = defined + tuple(_class_assigned(stmt.body))
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
                        # it may bind again what an earlier `del` removed
                        self.info.deleted.clear()
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
            case ast.Try() | ast.TryStar():
                for index, sub in enumerate(stmt.body):
                    if import_preparation(stmt, index):
                        continue
                    self.statement(sub, conditional=True, top=top)
                # In source order: a handler's fallback (`new = None`) and the `else:` that
                # runs when the import succeeded are alternatives; the `else:`'s binding is
                # the one the host gets where the import works, and is kept, conditional.
                for handler in stmt.handlers:
                    for sub in handler.body:
                        self.statement(sub, conditional=True, top=top)
                for sub in [*stmt.orelse, *stmt.finalbody]:
                    self.statement(sub, conditional=True, top=top)
            case ast.Match():  # its arms are branches, as an `if`'s (`match sys.platform:`)
                for case in stmt.cases:
                    for sub in case.body:
                        self.statement(sub, conditional=True, top=top)
            case ast.Expr() if _is_docstring(stmt) or isinstance(stmt.value, ast.Constant):
                pass
            case ast.Expr() if _all_method(stmt.value):
                self.all_call(stmt.value)
            case ast.Expr() if import_call(stmt.value, self.info.symbols):
                pass  # `__import__("x")`, `importlib.import_module("x")`: an import, not work
            case ast.Expr() if log_record(stmt.value, self.info.symbols):
                pass  # `log.debug("piexif found")`: a record on the plugin's logger, not work
            case ast.Expr():
                name = dotted_name(stmt.value.func) if isinstance(stmt.value, ast.Call) else None
                if top:
                    what = f"call to {name}()" if name else "expression statement"
                    self.work(stmt, what, name)
            case ast.Delete():
                if top and any(state_target(t, self.info.symbols) for t in stmt.targets):
                    self.work(stmt, f"`del` of {_spelled(stmt.targets[0])}")
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
                # A suppressing `with` is a `try`: its definitions are no work either.
                quiet = suppressing(stmt) and all(
                    imports_only([sub]) or quiet_definition(sub) for sub in stmt.body
                )
                # Warnings silenced around an import (`with warnings.catch_warnings():`) only
                # guard the import too: the block restores the filters when it exits.
                symbols = self.info.symbols
                quiet = quiet or (
                    restores_warnings(stmt, symbols)
                    and all(imports_only([sub]) or only_filters(sub, symbols) for sub in stmt.body)
                )
                if top and not imports_only(stmt.body) and not quiet:
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
        elif top and (state := [t for t in targets if state_target(t, self.info.symbols)]):
            self.work(stmt, f"assignment to {_spelled(state[0])}")
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
        grown = _all_grown(value)  # ``__all__ = __all__ + [...]``: ``+=`` spelled out
        if isinstance(stmt, ast.AugAssign) or grown is not None:
            names = names if grown is None else grown
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


def _spelled(target: ast.expr) -> str:
    """``os.environ[...]`` for a subscript target, else its dotted name."""
    if isinstance(target, ast.Subscript):
        return f"{dotted_name(target.value) or 'an item'}[...]"
    return dotted_name(target) or "a target"


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


def _all_grown(value: ast.expr | None) -> list[str] | None:
    """The literal names ``__all__ + [...]`` or ``[...] + __all__`` adds to ``__all__``."""
    if not isinstance(value, ast.BinOp) or not isinstance(value.op, ast.Add):
        return None
    for own, added in ((value.left, value.right), (value.right, value.left)):
        if isinstance(own, ast.Name) and own.id == "__all__":
            return _literal_strings(added)
    return None


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


def _class_assigned(body: list[ast.stmt]) -> Iterator[str]:
    """The names a class body binds by assignment to what may be callable
    (``__call__ = staticmethod(f)``; not ``__call__ = None``, a literal)."""
    for stmt in body:
        if isinstance(stmt, ast.Assign | ast.AnnAssign) and not isinstance(
            stmt.value, ast.Constant | None
        ):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            yield from (t.id for t in targets if isinstance(t, ast.Name))
