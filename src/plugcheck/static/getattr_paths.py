"""What a ``__getattr__`` returns for one name, read from its body: the paths a PEP 562 module
``__getattr__`` (or a metaclass's) takes for a literal name, decided by tests of its parameter
against literals."""

from __future__ import annotations

import ast
from collections.abc import Sequence

_RAISES: ast.expr = ast.Name(id="<raises>")  # what _run returns when __getattr__ raises


def served_expression(
    body: Sequence[ast.stmt], param: str, name: str, imports: list[ast.stmt] | None = None
) -> ast.expr | None:
    """(public) What ``__getattr__(name)`` returns, ``RAISES`` when it raises, ``None`` when
    source cannot tell. Given ``imports``, the path may run ``import`` statements, which are
    appended there (in order) for the caller to judge."""
    return _run(body, param, name, imports)


RAISES = _RAISES


def _run(
    body: Sequence[ast.stmt],
    param: str,
    name: str,
    imports: list[ast.stmt] | None = None,
    local: dict[str, ast.expr] | None = None,
) -> ast.expr | None:
    """The expression ``__getattr__(name)`` returns (``_RAISES`` when it raises, a ``None``
    constant when it falls off the end), or ``None`` when its path depends on more than
    ``name``. A local name bound once on the path and returned (``x = <expr>; return x``)
    stands for its expression."""
    local = {} if local is None else local
    for i, stmt in enumerate(body):
        match stmt:
            case ast.Return(value=ast.Name(id=var)) if var in local:
                return local[var]
            case ast.Return(value=value):
                return value if value is not None else ast.Constant(None)
            case ast.Assign(targets=[ast.Name(id=var)], value=value) if (
                var != param
                and var not in local
                and not any(isinstance(n, ast.Name) and n.id in local for n in ast.walk(value))
            ):
                local[var] = value
                continue
            case ast.Raise():
                return _RAISES
            case ast.Pass() | ast.Expr(value=ast.Constant()):
                continue
            case ast.Try(
                body=[ast.Return(value=ast.Subscript() as value)],
                handlers=handlers,
                orelse=[],
                finalbody=[],
            ) if handlers and all(_reraises_lookup(h) for h in handlers):
                # try: return TABLE[name] / except KeyError: raise AttributeError(name): a
                # missing key raises either way, as a bare TABLE[name] does
                return value
            case ast.Import() | ast.ImportFrom() if imports is not None:
                imports.append(stmt)
                continue
            case ast.If(test=test):
                decided = _test(test, param, name)
                if decided is None:
                    return None
                rest = [*(stmt.body if decided else stmt.orelse), *body[i + 1 :]]
                return _run(rest, param, name, imports, local)
            case _:
                return None
    return ast.Constant(None)


def _reraises_lookup(handler: ast.ExceptHandler) -> bool:
    """``except KeyError: raise ...`` (or ``LookupError``): the handler only raises."""
    caught = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    lookup = all(isinstance(c, ast.Name) and c.id in ("KeyError", "LookupError") for c in caught)
    return lookup and len(handler.body) == 1 and isinstance(handler.body[0], ast.Raise)


def _test(test: ast.expr, param: str, name: str) -> bool | None:
    """An ``if`` test over ``__getattr__``'s parameter, decided for ``name``."""
    match test:
        case ast.Compare(left=left, ops=[op], comparators=[right]):
            if isinstance(right, ast.Name) and right.id == param:
                left, right = right, left
            if not (isinstance(left, ast.Name) and left.id == param):
                return None
            try:
                value = ast.literal_eval(right)
            except ValueError:
                return None
            if isinstance(op, ast.Eq | ast.NotEq):
                return bool(name == value) == isinstance(op, ast.Eq)
            if isinstance(op, ast.In | ast.NotIn) and isinstance(value, tuple | list | set | str):
                return (name in value) == isinstance(op, ast.In)
        case ast.Call(
            func=ast.Attribute(value=ast.Name(id=var), attr="startswith" | "endswith" as how),
            args=[arg],
        ) if var == param:
            try:
                value = ast.literal_eval(arg)
            except ValueError:
                return None
            if isinstance(value, str | tuple):
                return name.startswith(value) if how == "startswith" else name.endswith(value)
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            decided = _test(operand, param, name)
            return None if decided is None else not decided
        case ast.BoolOp(op=op, values=values):
            results = [_test(v, param, name) for v in values]
            if isinstance(op, ast.And):
                return False if False in results else (None if None in results else True)
            return True if True in results else (None if None in results else False)
    return None
