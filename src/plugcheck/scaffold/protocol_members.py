"""The exports a host's Protocol asks of each plugin it types with it (:mod:`.typed_registries`):
mdformat's ``ParserExtensionInterface`` declares ``RENDERERS: Mapping[str, Render]``,
``CHANGES_AST: bool = False``, ``POSTPROCESSORS`` and the static methods ``update_mdit(mdit:
MarkdownIt) -> None`` and ``add_cli_argument_group(group)``. An attribute becomes an export of
its annotation's class (``collections.abc:Mapping``, an instance), a method one with its
signature written out (``Callable[[markdown_it.MarkdownIt], None]``: each name qualified by the
module's imports, ``Any`` where none says what it is). A member is optional where the host's code
says so: a default value in the Protocol, or the host reading it with ``getattr(x, "NAME",
default)`` or asking ``hasattr(x, "NAME")`` (mdformat's ``hasattr(plugin,
"add_cli_argument_group")``)."""

from __future__ import annotations

import ast
import builtins
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path

from plugcheck.scaffold.model import Member, Survey
from plugcheck.scaffold.pyproject import toml_string
from plugcheck.scaffold.syntax import dotted
from plugcheck.static.syntax import walked

_TYPING = frozenset(typing.__all__)
_BUILTINS = frozenset(n for n in dir(builtins) if isinstance(getattr(builtins, n), type))
_STANDARD = ("builtins", "collections.abc", "typing", "numbers")


def protocol_members(
    cls: ast.ClassDef, module: str, path: Path, where: str, optional: dict[str, str]
) -> list[Member]:
    """The exports ``cls`` (a Protocol of ``module``, in ``path``, shown as ``where``) asks
    for; ``optional``: names the host reads as possibly missing -> where."""
    names = bound_names(module, path)
    found: list[Member] = []
    for stmt in cls.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            name, spec = stmt.target.id, member_spec(stmt.annotation, names)
            default = "a default in the Protocol" if stmt.value is not None else None
        elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            name, spec = stmt.name, _method(stmt, names)
            default = None
        else:
            continue
        if name.startswith("__"):
            continue
        why = default or (f"the host asks {optional[name]}" if name in optional else None)
        if why is not None:
            spec = spec[:-2] + ", optional = true }"
        found.append(Member(name, spec, f"{where}:{stmt.lineno}", why))
    return found


def member_lines(found: Survey, group: str | None, taken: set[str], table: str = "") -> list[str]:
    """The proposal's export lines for the members of the Protocol that types ``group``'s
    objects, those in ``taken`` left out; under a ``table`` header of their own when given."""
    protocol, where, members = found.protocol_exports.get(group or "", ("", "", []))
    lines = [
        f"{m.name} = {m.spec}  # {m.where}" + (f"; optional: {m.optional}" if m.optional else "")
        for m in members
        if m.name not in taken
    ]
    if not lines:
        return []
    said = f"# what {protocol} asks of each, the type of the host's registry ({where}):"
    return ["", f"[{table}.exports]", said, *lines] if table else [said, *lines]


def read_as_optional(trees: Iterable[tuple[str, ast.Module]]) -> dict[str, str]:
    """Names the host reads as possibly missing on an object: ``getattr(x, "N", default)``,
    ``hasattr(x, "N")`` -> where (the first)."""
    found: dict[str, str] = {}
    for where, tree in trees:
        for node in walked(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            arity = {"getattr": 3, "hasattr": 2}.get(node.func.id)
            name = node.args[1] if arity and len(node.args) == arity else None
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                found.setdefault(name.value, f"{node.func.id}() at {where}:{node.lineno}")
    return found


def qualified(annotation: ast.expr, names: dict[str, str]) -> str:
    """``annotation`` with each name spelled from its module (``markdown_it.MarkdownIt``):
    builtins and ``typing``'s names as they are, ``Any`` for one nothing binds."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return "Any"
    return ast.unparse(_Qualify(names).visit(_copy(annotation)))


def _copy(node: ast.expr) -> ast.expr:
    parsed = ast.parse(ast.unparse(node), mode="eval").body
    return parsed


class _Qualify(ast.NodeTransformer):
    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def visit_Attribute(self, node: ast.Attribute) -> ast.expr:
        spelled = dotted(node)
        head, _, rest = spelled.partition(".")
        if not spelled or head not in self.names:
            return ast.Name("Any") if spelled else node
        return ast.Name(f"{self.names[head]}.{rest}")

    def visit_Name(self, node: ast.Name) -> ast.expr:
        if node.id in self.names:
            return ast.Name(self.names[node.id])
        if node.id in _TYPING or node.id in _BUILTINS or node.id == "None":
            return node
        return ast.Name("Any")


def bound_names(module: str, path: Path) -> dict[str, str]:
    """Each name the module ``module`` (in ``path``) binds to something of a module -> its
    dotted name (``MarkdownIt`` -> ``markdown_it.MarkdownIt``)."""
    tree = ast.parse(path.read_bytes())
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: dict[str, str] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            names[stmt.name] = f"{module}.{stmt.name}"
    for node in walked(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                head = alias.name.partition(".")[0]
                names[alias.asname or head] = alias.name if alias.asname else head
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: max(len(package.split(".")) - node.level + 1, 0)]
                base = ".".join([*parent, *([base] if base else [])])
            for alias in node.names:
                if alias.name != "*" and base:
                    names[alias.asname or alias.name] = f"{base}.{alias.name}"
    for name, spelled in list(names.items()):
        # ``from typing import Any``: typing's own name (the check module star-imports typing),
        # as is Callable, which a signature starts with.
        if spelled in (f"typing.{name}", f"typing_extensions.{name}", "collections.abc.Callable"):
            del names[name]
    return names


def member_spec(annotation: ast.expr, names: dict[str, str]) -> str:
    """The export table an attribute annotated so must fit: a signature, or its class."""
    text = qualified(annotation, names)
    node = ast.parse(text, mode="eval").body
    if isinstance(node, ast.Subscript) and dotted(node.value).rpartition(".")[2] == "Callable":
        return f"{{ signature = {toml_string(text)} }}"
    head = dotted(node.value if isinstance(node, ast.Subscript) else node)
    if head in _BUILTINS:
        return f'{{ type = "builtins:{head}", kind = "instance" }}'
    if head in _TYPING:
        return f'{{ type = "typing:{head}", kind = "instance" }}'
    module, _, name = head.rpartition(".")
    if not module or head == "Any":
        return '{ kind = "any" }'
    kind = ', kind = "instance"' if module in _STANDARD else ""
    return f"{{ type = {toml_string(f'{module}:{name}')}{kind} }}"


def _method(fn: ast.FunctionDef | ast.AsyncFunctionDef, names: dict[str, str]) -> str:
    """``{ signature = "Callable[[A, B], R]" }`` as a plugin module's function must have it:
    ``self`` left out, ``...`` for a method with defaults, ``*args`` or keyword-only ones."""
    args = fn.args
    decorators = {dotted(d) for d in fn.decorator_list}
    positional = [*args.posonlyargs, *args.args]
    if "staticmethod" not in decorators and positional:
        positional = positional[1:]
    returns = qualified(fn.returns, names) if fn.returns is not None else "Any"
    if isinstance(fn, ast.AsyncFunctionDef):
        returns = f"Coroutine[Any, Any, {returns}]"
    if args.vararg or args.kwonlyargs or args.kwarg or args.defaults:
        text = f"Callable[..., {returns}]"
    else:
        params = ", ".join(
            qualified(a.annotation, names) if a.annotation is not None else "Any"
            for a in positional
        )
        text = f"Callable[[{params}], {returns}]"
    return f"{{ signature = {toml_string(text)} }}"


def find_class(
    parsed: Iterable[tuple[Path, str, ast.Module]], ref: str
) -> Iterator[tuple[Path, ast.Module, ast.ClassDef]]:
    """The class ``module:Class`` among the host's parsed files."""
    module, _, name = ref.partition(":")
    for path, owner, tree in parsed:
        if owner == module:
            for stmt in tree.body:
                if isinstance(stmt, ast.ClassDef) and stmt.name == name:
                    yield path, tree, stmt
