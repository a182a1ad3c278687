"""Strings and lists of strings a host's code computes from constants, never imported.

A value is folded from literals and names the module knows (its own module-level constants,
those it imports from the host's other modules, ``alias.NAME`` for an imported module):
``f"{project_name}-plugin"``, ``PREFIX + "lexers"``, ``"{}.{}".format(A, B)``; a list of
strings from a list/tuple/set literal, a dict's keys, ``list(D.keys())``, ``sorted(GROUPS)``.
Anything not constant is ``None`` (or ``[]``): nothing is guessed.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

from plugcheck.static.syntax import dotted_name, folded_string, walked

_WRAPPERS = {"list", "tuple", "set", "frozenset", "sorted"}


def string_of(node: ast.expr | None, names: Mapping[str, str], depth: int = 0) -> str | None:
    """The string ``node`` always evaluates to, or ``None``; a name is one of ``names``."""
    return folded_string(node, lambda name, _depth: names.get(name), depth)


def strings_of(
    node: ast.expr | None, names: Mapping[str, str], lists: Mapping[str, list[str]]
) -> list[str]:
    """The strings a collection of constants holds (a dict: its keys), in order; ``[]``."""
    if isinstance(node, ast.Name | ast.Attribute):
        return list(lists.get(dotted_name(node) or "", []))
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id in _WRAPPERS and len(node.args) == 1:
            values = strings_of(node.args[0], names, lists)
            return sorted(values) if func.id == "sorted" else values
        if isinstance(func, ast.Attribute) and func.attr == "keys" and not node.args:
            return strings_of(func.value, names, lists)
        return []
    if isinstance(node, ast.Dict):
        elements: list[ast.expr | None] = list(node.keys)
    elif isinstance(node, ast.Tuple | ast.List | ast.Set):
        elements = [*node.elts]
    else:
        return []
    folded = [string_of(e, names) for e in elements]
    found = [v for v in folded if v is not None]
    return found if len(found) == len(folded) else []


def module_values(
    tree: ast.Module, names: Mapping[str, str], lists: Mapping[str, list[str]]
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The module-level constants of ``tree`` (strings, and collections of strings), each
    folded with what is known so far (``names``/``lists``, then the module's earlier ones)."""
    strings, collections = dict(names), dict(lists)
    found: dict[str, str] = {}
    found_lists: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            # ``class Plugin: group = "poetry.plugin"``: ``Plugin.group``.
            for item in node.body:
                if isinstance(item, ast.Assign | ast.AnnAssign) and item.value is not None:
                    text = string_of(item.value, strings)
                    targets = item.targets if isinstance(item, ast.Assign) else [item.target]
                    for target in targets:
                        if text is not None and isinstance(target, ast.Name):
                            key = f"{node.name}.{target.id}"
                            strings[key] = found[key] = text
            continue
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        text = string_of(node.value, strings)
        values = strings_of(node.value, strings, collections) if text is None else []
        for target in targets:
            if not isinstance(target, ast.Name):
                continue
            if text is not None:
                strings[target.id] = found[target.id] = text
            elif values:
                collections[target.id] = found_lists[target.id] = values
    return found, found_lists


def loop_values(
    tree: ast.Module, names: Mapping[str, str], lists: Mapping[str, list[str]]
) -> dict[str, list[str]]:
    """``for group in GROUPS:`` -> ``{"group": [...]}`` (a name two loops bind differently,
    or that a loop over something not constant binds, is left out)."""
    found: dict[str, list[str]] = {}
    dropped: set[str] = set()
    for node in walked(tree):
        if not (isinstance(node, ast.For | ast.AsyncFor | ast.comprehension)):
            continue
        if not isinstance(node.target, ast.Name):
            continue
        name = node.target.id
        values = strings_of(node.iter, names, lists)
        if not values or found.get(name, values) != values:
            dropped.add(name)
        else:
            found[name] = values
    return {k: v for k, v in found.items() if k not in dropped}


def class_attributes(tree: ast.Module, names: Mapping[str, str]) -> dict[int, list[str]]:
    """``cls.ENTRYPOINT`` / ``self.GROUP`` read in a method of a module-level class: the
    values that class attribute has (Tutor's ``EntrypointPlugin.discover_all`` asks for
    ``entry_points(group=cls.ENTRYPOINT)``), keyed by the node's id. The class's own value (or
    the nearest base's in the module) and every value a subclass in the module sets, since a
    classmethod runs for each; nothing where a method assigns the name on the instance."""
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    bases = {
        name: [b.id for b in cls.bases if isinstance(b, ast.Name) and b.id in classes]
        for name, cls in classes.items()
    }
    sets: dict[str, set[str]] = {
        name: {
            target.id
            for item in cls.body
            if isinstance(item, ast.Assign | ast.AnnAssign) and item.value is not None
            for target in (item.targets if isinstance(item, ast.Assign) else [item.target])
            if isinstance(target, ast.Name)
        }
        for name, cls in classes.items()
    }

    def lineage(name: str, seen: frozenset[str] = frozenset()) -> list[str]:
        """``name`` and its bases in the module, nearest first."""
        if name in seen:
            return []
        return [name, *(c for b in bases[name] for c in lineage(b, seen | {name}))]

    def value(name: str, attr: str) -> str | None:
        owner = next((c for c in lineage(name) if attr in sets[c]), None)
        return names.get(f"{owner}.{attr}") if owner else None

    found: dict[int, list[str]] = {}
    for name, cls in classes.items():
        below = [c for c in classes if c != name and name in lineage(c)]
        assigned = {
            n.attr
            for n in ast.walk(cls)
            if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store | ast.Del)
        }
        given = init_defaults(cls, names)
        for fn in cls.body:
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            params = [*fn.args.posonlyargs, *fn.args.args]
            if not params:
                continue
            first = params[0].arg
            for node in ast.walk(fn):
                if not (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.ctx, ast.Load)
                    and isinstance(node.value, ast.Name)
                    and node.value.id == first
                    and (node.attr not in assigned or node.attr in given)
                ):
                    continue
                if node.attr in given:
                    found[id(node)] = [given[node.attr]]
                    continue
                values = [value(c, node.attr) for c in (name, *below)]
                strings = list(dict.fromkeys(v for v in values if v is not None))
                if strings:
                    found[id(node)] = strings
    return found


def init_defaults(cls: ast.ClassDef, names: Mapping[str, str]) -> dict[str, str]:
    """``self._group = group`` in ``__init__(self, group="intake.catalogs")``, the only store of
    that attribute in the class: the default, what the host's own ``Catalog()`` keeps there
    (intake's EntrypointsCatalog asks for ``select(group=self._entrypoints_group)``)."""
    init = next(
        (f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None
    )
    if init is None or not init.args.args:
        return {}
    positional = [*init.args.posonlyargs, *init.args.args]
    defaults = dict(zip([a.arg for a in positional][::-1], init.args.defaults[::-1], strict=False))
    defaults |= {
        a.arg: d
        for a, d in zip(init.args.kwonlyargs, init.args.kw_defaults, strict=True)
        if d is not None
    }
    self_name = positional[0].arg
    stores: dict[str, list[ast.AST]] = {}
    for node in ast.walk(cls):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store | ast.Del):
            stores.setdefault(node.attr, []).append(node)
    found: dict[str, str] = {}
    for statement in init.body:
        if not (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(target := statement.targets[0], ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == self_name
            and isinstance(statement.value, ast.Name)
            and statement.value.id in defaults
            and stores.get(target.attr) == [target]
        ):
            continue
        default = string_of(defaults[statement.value.id], names)
        if default is not None:
            found[target.attr] = default
    return found
