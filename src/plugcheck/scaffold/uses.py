"""What the host does with the object a plugin's factory builds.

The host function that returns the factory's result (Markdown's ``build_extension``:
``return module.makeExtension(**configs)``) is followed to its callers (``ext =
self.build_extension(name, configs)``), where the host checks the object (``isinstance(ext,
Extension)``) and calls its methods (``ext.extendMarkdown(self)``): a ``lifecycle`` with
``calls``, each argument typed from the host's code.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from plugcheck.scaffold.arguments import Argument, CallSite
from plugcheck.scaffold.pyproject import toml_key, toml_stand_in, toml_string
from plugcheck.static.syntax import dotted_name, walked


@dataclass(frozen=True, slots=True)
class MethodCall:
    method: str
    arguments: list[Argument] | None
    """``None`` when the host passes ``*args``/``**kwargs``."""
    where: str


@dataclass(slots=True)
class Use:
    """How the host uses what a function of its own returns."""

    check: str | None = None
    """``module:Class`` the host checks it against with ``isinstance``."""
    where: str = ""
    calls: list[MethodCall] = field(default_factory=list)
    buildable: set[str] = field(default_factory=set)
    """Host classes (``module:Class``) an argument names that build with no arguments."""


def uses(
    fn: ast.FunctionDef | ast.AsyncFunctionDef,
    where: str,
    tree: ast.Module,
    host: str | None,
    resolve: Callable[[str], str | None],
    returners: set[str],
) -> Iterator[tuple[str, Use]]:
    """``x = self.F(...)`` in ``fn`` (``F`` in ``returners``): how ``fn`` then uses ``x``."""
    bound: dict[str, str] = {}
    for node in walked(fn):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and (called := (dotted_name(node.value.func) or "").rpartition(".")[2]) in returners
        ):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    bound[target.id] = called
    site = CallSite(fn, tree, host, resolve)
    for name, returner in bound.items():
        use = Use()
        for node in walked(fn):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if (
                isinstance(func, ast.Name)
                and func.id == "isinstance"
                and len(node.args) == 2
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == name
                and use.check is None
            ):
                ref = resolve(dotted_name(node.args[1]) or "")
                if ref is not None and ":" in ref:
                    use.check, use.where = ref, f"{where}:{node.lineno}"
            elif (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id == name
                and not func.attr.startswith("_")
            ):
                call = MethodCall(func.attr, site.arguments(node), f"{where}:{node.lineno}")
                use.calls.append(call)
        if use.calls:
            yield returner, use


def buildable(tree: ast.Module, name: str) -> bool:
    """Class ``name`` of ``tree`` builds with no arguments: its own ``__init__`` needs none, or
    it defines none and has no base (a base's ``__init__`` is not read: not buildable)."""
    cls = next((c for c in tree.body if isinstance(c, ast.ClassDef) and c.name == name), None)
    if cls is None:
        return False
    init = next(
        (f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None
    )
    if init is None:
        return not cls.bases
    positional = [*init.args.posonlyargs, *init.args.args][1:]
    required = len(positional) - len(init.args.defaults)
    keywords = [
        a for a, d in zip(init.args.kwonlyargs, init.args.kw_defaults, strict=True) if d is None
    ]
    return required <= 0 and not keywords


def _stand_ins(arguments: list[Argument], use: Use) -> tuple[list[str], list[str], str] | None:
    """The TOML stand-ins (positional, ``keyword = ...``) for a call's arguments, and a note
    naming the fresh host objects among them; ``None`` when one has no stand-in."""
    refs = {id(a): a.stand_in or (a.type if a.type in use.buildable else None) for a in arguments}
    if None in refs.values():
        return None
    positional = [toml_stand_in(refs[id(a)] or "") for a in arguments if a.keyword is None]
    keywords = [
        f"{toml_key(a.keyword or '')} = {toml_stand_in(refs[id(a)] or '')}"
        for a in arguments
        if a.keyword is not None
    ]
    fresh = [f"a fresh {a.type}() for the host's {a.spelled}" for a in arguments if not a.stand_in]
    return positional, keywords, f"; {', '.join(fresh)} (built with no arguments)" if fresh else ""


def lifecycle_lines(
    table: str, factory: str, where: str, use: Use, built: list[Argument] | None = None
) -> list[str]:
    """The ``lifecycle`` table with the host's ``calls`` on the built object (and ``built``:
    what the host passes the factory); ``[]`` when the host's check or a stand-in for some
    argument cannot be read (then nothing is proposed)."""
    if use.check is None:
        return []
    rows: list[str] = []
    for call in use.calls:
        made = _stand_ins(call.arguments, use) if call.arguments is not None else None
        if made is None:
            return []
        positional, keywords, note = made
        parts = [f"method = {toml_string(call.method)}", f"stand-ins = [{', '.join(positional)}]"]
        if keywords:
            parts.append(f"keyword-stand-ins = {{ {', '.join(keywords)} }}")
        row = f"    {{ {', '.join(parts)} }},"
        if row not in (r.partition("  #")[0] for r in rows):
            rows.append(f"{row}  # host: {call.where}{note}")
    factory_lines = []
    if built:
        made = _stand_ins(built, use)
        if made is None:
            return []
        positional, keywords, note = made
        factory_lines.append(
            f"factory-stand-ins = [{', '.join(positional)}]  # what the host passes it{note}"
        )
        if keywords:
            factory_lines.append(f"factory-keyword-stand-ins = {{ {', '.join(keywords)} }}")
    check = use.check.rpartition(":")[2]
    return [
        "",
        f"[{table}.lifecycle]",
        f"protocol = {toml_string(use.check)}  # the host checks isinstance(obj, {check}):"
        f" {use.where}",
        f"factory = {toml_string(factory)}  # the host builds the object with it: {where}",
        *factory_lines,
        # A host rarely bounds how long a plugin's method may take: 5 s would make a healthy
        # plugin that imports a large client on a loaded machine fail (Mopidy's gmusic).
        "deadline = 30.0  # init found no time limit on these calls in the host",
        "calls = [  # what the host then calls on it, in order, instead of init/run/shutdown",
        *rows,
        "]",
    ]
