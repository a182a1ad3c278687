"""Hosts that pick a plugin module's classes by name: yt-dlp takes the classes named ``*IE`` of
each ``yt_dlp_plugins.extractor`` module.

yt-dlp spells it across three modules: ``get_regular_classes(module, module_name, suffix)``
keeps the members with ``obj.__name__.endswith(suffix)``; ``load_plugins(plugin_spec:
PluginSpec)`` calls it with ``suffix`` from ``name, suffix = plugin_spec.module_name,
plugin_spec.suffix`` and walks ``iter_modules(name)``, whose ``fullname =
f'{PACKAGE_NAME}.{subpackage}'`` is the namespace package imported; each kind is a
``PluginSpec(module_name='extractor', suffix='IE', ...)`` built elsewhere. A suffix that is a
literal needs none of it. Each pick becomes a ``plugin-classes`` table with ``name-suffix``, in
a contract of the namespace package walked.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from plugcheck.scaffold.model import ClassPick
from plugcheck.static.syntax import walked

Parsed = Sequence[tuple[Path, str, ast.Module]]


def name_picks(
    parsed: Parsed, host: Path, constants: Callable[[str], dict[str, str]]
) -> list[ClassPick]:
    """The host's picks of a module's classes by a name suffix, each with the namespace package
    whose modules it walks (``None`` when not read)."""
    picks: list[ClassPick] = []
    for path, module, tree in parsed:
        where = path.relative_to(host).as_posix()
        functions = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
        for fn in functions.values():
            for suffix, line in _suffixes(fn):
                if isinstance(suffix, str):
                    picks.append(ClassPick("", "every", f"{where}:{line}", None, suffix=suffix))
                    continue
                for caller, call in _calls_of(functions, fn.name):
                    for value, spec in _spec_values(caller, _argument(call, fn, suffix), parsed):
                        ns = _namespace(caller, functions, spec, constants(module))
                        picks.append(
                            ClassPick("", "every", f"{where}:{line}", None, ns, suffix=value)
                        )
    return picks


def _suffixes(fn: ast.FunctionDef) -> Iterator[tuple[str | int, int]]:
    """``X.__name__.endswith(S)`` in ``fn``: ``S`` when a literal, else the index of the
    parameter of ``fn`` it is."""
    params = [a.arg for a in fn.args.args]
    for node in walked(fn):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "endswith"
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr == "__name__"
            and len(node.args) == 1
        ):
            continue
        arg = node.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
            yield arg.value, node.lineno
        elif isinstance(arg, ast.Name) and arg.id in params:
            yield params.index(arg.id), node.lineno


def _calls_of(
    functions: dict[str, ast.FunctionDef], name: str
) -> Iterator[tuple[ast.FunctionDef, ast.Call]]:
    for caller in functions.values():
        for node in walked(caller):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and (node.func.id == name)
            ):
                yield caller, node


def _argument(call: ast.Call, fn: ast.FunctionDef, index: int) -> ast.expr | None:
    if index < len(call.args):
        return call.args[index]
    name = fn.args.args[index].arg
    return next((k.value for k in call.keywords if k.arg == name), None)


def _bound_attribute(fn: ast.FunctionDef, local: str) -> tuple[str, str] | None:
    """``local`` bound in ``fn`` to ``param.attr`` (also in a tuple assignment), ``param`` a
    parameter annotated with a class: (the class's name, ``attr``)."""
    annotated = {a.arg: a.annotation.id for a in fn.args.args if isinstance(a.annotation, ast.Name)}
    for node in walked(fn):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target, value = node.targets[0], node.value
        pairs: list[tuple[ast.expr, ast.expr]] = [(target, value)]
        if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple):
            pairs = list(zip(target.elts, value.elts, strict=False))
        for name, bound in pairs:
            if (
                isinstance(name, ast.Name)
                and name.id == local
                and isinstance(bound, ast.Attribute)
                and isinstance(bound.value, ast.Name)
                and bound.value.id in annotated
            ):
                return annotated[bound.value.id], bound.attr
    return None


def _spec_values(
    fn: ast.FunctionDef, arg: ast.expr | None, parsed: Parsed
) -> Iterator[tuple[str, dict[str, str]]]:
    """The literal values ``arg`` takes in ``fn``: a literal, or ``spec.attr`` of a parameter
    annotated with a class, each literal keyword ``attr`` of the host's calls of that class
    (with the call's other literal keywords)."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        yield arg.value, {}
        return
    bound = _bound_attribute(fn, arg.id) if isinstance(arg, ast.Name) else None
    if bound is None:
        return
    cls, attr = bound
    for _, _, tree in parsed:
        for node in walked(tree):
            if not isinstance(node, ast.Call):
                continue
            callee = node.func.attr if isinstance(node.func, ast.Attribute) else ""
            callee = node.func.id if isinstance(node.func, ast.Name) else callee
            if callee != cls:
                continue
            words = {
                k.arg: k.value.value
                for k in node.keywords
                if k.arg and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)
            }
            if attr in words:
                yield words[attr], words


def _namespace(
    fn: ast.FunctionDef,
    functions: dict[str, ast.FunctionDef],
    spec: dict[str, str],
    constants: dict[str, str],
) -> str | None:
    """The package ``fn`` walks for the spec: a function of the module it calls with a value
    of the spec (``iter_modules(name)``) that builds ``f"{CONSTANT}.{parameter}"``."""
    for node in walked(fn):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        callee = functions.get(node.func.id)
        if callee is None or not node.args or not isinstance(node.args[0], ast.Name):
            continue
        bound = _bound_attribute(fn, node.args[0].id)
        value = spec.get(bound[1]) if bound else None
        param = callee.args.args[0].arg if callee.args.args else None
        for text in walked(callee):
            if value is None or not isinstance(text, ast.JoinedStr) or len(text.values) != 3:
                continue
            head, dot, tail = text.values
            if (
                isinstance(head, ast.FormattedValue)
                and isinstance(head.value, ast.Name)
                and head.value.id in constants
                and isinstance(dot, ast.Constant)
                and dot.value == "."
                and isinstance(tail, ast.FormattedValue)
                and isinstance(tail.value, ast.Name)
                and tail.value.id == param
            ):
                return f"{constants[head.value.id]}.{value}"
    return None
