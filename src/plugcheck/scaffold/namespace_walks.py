"""Namespace packages whose modules the host imports as plugins: the host imports a package
that is not its own, walks its ``__path__`` and names ``<package>.<name>`` for each module it
finds there (Sopel 8's ``import sopel_modules``, ``for plugin_dir in set(sopel_modules.__path__)``
and ``PyModulePlugin(name, 'sopel_modules')``; ``pkgutil.iter_modules(ns.__path__,
ns.__name__ + ".")``). Each installed distribution adds its plugin to the package; ``init``
proposes a contract of its own for them."""

from __future__ import annotations

import ast

from plugcheck.scaffold.model import Survey
from plugcheck.scaffold.pyproject import toml_string
from plugcheck.static.syntax import dotted_name, walked


def namespace_walks(tree: ast.Module, own: set[str]) -> dict[str, int]:
    """Top-level packages ``tree`` imports (``import ns``), walks ``ns.__path__`` of (iterates
    it, or passes it to a call) and names as the prefix of its modules (the literal ``"ns"``
    or ``"ns."``, or ``ns.__name__``), but for the host's ``own`` packages -> the line of the
    first walk. Not a package imported as a dotted name (``import a.b``) or under another
    name, nor one whose path the host only extends or tests (PyInstaller's
    ``encodings.__path__.append(...)``), nor a subpackage it finds through the path
    (IPython's ``find_spec("pygments.styles", list(pygments.__path__))``)."""
    imported = {
        alias.name
        for node in walked(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.asname is None and "." not in alias.name and alias.name not in own
    }
    if not imported:
        return {}
    named = {
        node.value.rstrip(".")
        for node in walked(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    named |= {
        node.value.id
        for node in walked(tree)
        if isinstance(node, ast.Attribute)
        and node.attr == "__name__"
        and isinstance(node.value, ast.Name)
    }
    found: dict[str, int] = {}
    for node in walked(tree):
        iterated: list[ast.expr] = []
        if isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
            iterated = [node.iter]
        elif isinstance(node, ast.Call):
            iterated = list(node.args)
        for value in iterated:
            if (
                isinstance(value, ast.Attribute)
                and value.attr == "__path__"
                and isinstance(value.value, ast.Name)
                and value.value.id in imported & named
            ):
                package = value.value.id
                found[package] = min(found.get(package, value.lineno), value.lineno)
    return found


def unclaimed(found: Survey) -> list[tuple[str, str]]:
    """The walked namespace packages no lookup or class pick of the survey already imports
    its plugins under (mkdocstrings' handlers, beets' ``beetsplug``) -> where."""
    claimed = {lk.namespace for lk in found.lookups}
    claimed |= {c.namespace for c in found.classes if c.suffix is None}
    walked = dict(found.namespaces)
    for pick in found.classes:  # yt-dlp's: the walk of the package the spec names
        if pick.suffix is not None and pick.namespace:
            walked.setdefault(pick.namespace, pick.where)
    return [(ns, where) for ns, where in sorted(walked.items()) if ns not in claimed]


def walk_lines(ns: str, where: str) -> list[str]:
    """The namespace and paths of a walked package's contract."""
    return [
        f"namespace = {toml_string(ns)}  # the host imports plugin modules as {ns}.<name>: {where}",
        f"paths = [{toml_string(ns.replace('.', '/') + '/*')}]  # TODO: the package's folder in"
        " the environment, or"
        " give its plugins on the command line (a run on paths checks only those)",
    ]


def walked_contract(text: str, ns: str, where: str, table: str) -> str:
    """The contract ``propose`` wrote for the walked package (``text``, its table named
    ``plugins``), retitled ``table`` and introduced."""
    body = text.partition("\n\n")[2].replace("tool.plugcheck.contracts.plugins", table)
    return f"\n# the host imports the modules of the namespace package {ns}: {where}\n{body}"


def walk_handlers(tree: ast.Module, package: str) -> list[str]:
    """The classes the host builds for each module it finds in a walked ``package``: those it
    calls with the package's prefix (Sopel's ``handlers.PyModulePlugin(name,
    'sopel_modules')``), as spelled in ``tree``."""
    found: list[str] = []
    for node in walked(tree):
        if isinstance(node, ast.Call) and any(
            isinstance(a, ast.Constant) and a.value in (package, f"{package}.")
            for a in (*node.args, *(k.value for k in node.keywords))
        ):
            callee = dotted_name(node.func) or ""
            if callee.rpartition(".")[2][:1].isupper():
                found.append(callee)
    return found
