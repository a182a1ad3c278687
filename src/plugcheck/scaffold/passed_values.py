"""The string values a host's own calls pass one parameter of its function, for ``plugcheck
init``'s lookups by a name the function is given: OctoPrint's properties call
``self._get_instance_attribute(ControlProperties.attr_implementation, default=None)``, and
``_get_instance_attribute(self, attr, ...)`` does ``getattr(self.instance, attr)``; the class
constant says ``attr`` is ``"__plugin_implementation__"`` there. Only values the code spells are
read: a string, a module constant holding one, or a string attribute of a class of the module."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from plugcheck.scaffold.model import Lookup
from plugcheck.scaffold.syntax import dotted
from plugcheck.static.syntax import walked


def passed_strings(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, tree: ast.Module
) -> dict[str, list[str]]:
    """Parameter of ``fn`` (never rebound in it) -> the strings the calls of ``fn`` in ``tree``
    pass it, by position or keyword, in the code's order (``self.fn(...)`` when ``fn`` is a
    method, ``fn(...)`` otherwise)."""
    params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
    method = params[:1] == ["self"]
    positional = params[1:] if method else params
    keywords = {*positional, *(a.arg for a in fn.args.kwonlyargs)}
    rebound = {n.id for n in walked(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    found: dict[str, list[str]] = {}
    for call in walked(tree):
        if not isinstance(call, ast.Call) or dotted(call.func) != (
            f"self.{fn.name}" if method else fn.name
        ):
            continue
        given = [*zip(positional, call.args, strict=False)]
        given += [(k.arg, k.value) for k in call.keywords if k.arg in keywords]
        for param, value in given:
            text = _string(value, tree)
            if param not in rebound and text is not None:
                seen = found.setdefault(param, [])
                if text not in seen:
                    seen.append(text)
    return found


def passed_lookups(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call, names: list[str], where: str
) -> Iterator[Lookup]:
    """One lookup per name the callers give ``getattr(holder, param)`` (``call``): each caller
    looks its own name up; optional with a default, or where ``fn`` asks ``hasattr`` first."""
    param = call.args[1]
    assert isinstance(param, ast.Name)
    optional = len(call.args) > 2 or _checked_first(fn, param.id)
    for name in names:  # the helper hands the value back: its callers read it
        yield Lookup([name], where, optional=optional, read=True)


def _checked_first(fn: ast.FunctionDef | ast.AsyncFunctionDef, param: str) -> bool:
    """``fn`` asks ``hasattr(..., param)`` itself: a missing name takes its own way out (the
    host's default), so the lookup is optional."""
    return any(
        isinstance(n, ast.Call)
        and dotted(n.func) == "hasattr"
        and len(n.args) == 2
        and isinstance(n.args[1], ast.Name)
        and n.args[1].id == param
        for n in walked(fn)
    )


def passed_string(value: ast.expr, tree: ast.Module) -> str | None:
    """The string a call passes: a literal, a module constant of ``tree`` holding one, or a
    string attribute of a class of ``tree``."""
    return _string(value, tree)


def _string(value: ast.expr, tree: ast.Module) -> str | None:
    if isinstance(value, ast.Constant):
        return value.value if isinstance(value.value, str) else None
    if isinstance(value, ast.Name):
        return _assigned(tree.body, value.id)
    if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name):
        owner = value.value.id
        classes = [c for c in tree.body if isinstance(c, ast.ClassDef) and c.name == owner]
        return _assigned(classes[0].body, value.attr) if len(classes) == 1 else None
    return None


def _assigned(body: list[ast.stmt], name: str) -> str | None:
    """The string ``name`` is bound to by the only statement of ``body`` binding it."""
    binds = [
        s
        for s in body
        if isinstance(s, ast.Assign | ast.AnnAssign)
        and any(
            isinstance(t, ast.Name) and t.id == name
            for t in (s.targets if isinstance(s, ast.Assign) else [s.target])
        )
    ]
    if len(binds) != 1 or not isinstance(value := binds[0].value, ast.Constant):
        return None
    return value.value if isinstance(value.value, str) else None
