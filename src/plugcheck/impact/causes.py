"""The API's breaking changes between two sides (griffe's ``find_breaking_changes``, plus what
griffe does not call breaking but plugins feel: a Protocol's new member, a new abstract method,
a changed return type), and which change explains a finding."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plugcheck.model import Finding


@dataclass(frozen=True, slots=True)
class Change:
    """One breaking change of the API: ``path`` is the object's dotted path on the before side
    (the after side's for an addition); ``names`` are the other names it goes by (a rename's
    new name)."""

    path: str
    kind: str
    what: str
    """What happened to it, after its name: ``gained required parameter `help` ``."""
    where: str | None = None
    """``module/file.py:line`` of the object, relative to its import root."""
    names: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        package, _, rest = self.path.partition(".")
        shown = self.path if self.kind.startswith("module-") else rest or package
        return f"`{shown}` {self.what}"


class ApiError(Exception):
    """The API package cannot be loaded on one side: one line saying why."""


def breaking_changes(package: str, before: Sequence[Path], after: Sequence[Path]) -> list[Change]:
    """The breaking changes of ``package`` from the ``before`` to the ``after`` import roots."""
    import griffe

    trees = []
    for side, roots in (("before", before), ("after", after)):
        try:
            trees.append(
                griffe.load(
                    package,
                    search_paths=[str(p) for p in roots],
                    try_relative_path=False,
                    allow_inspection=False,
                )
            )
        except Exception as exc:  # griffe raises several kinds for an unloadable package
            raise ApiError(f"cannot read {package} on the {side} side: {exc}") from None
    old, new = trees
    changes = [_change(b) for b in griffe.find_breaking_changes(old, new)]
    seen = {(c.path, c.kind) for c in changes}
    changes += [c for c in _unlisted(old, new) if (c.path, c.kind) not in seen]
    return _renames(changes, old, new)


def _change(breakage: Any) -> Change:
    kind = breakage.kind.name.lower().replace("_", "-")
    old, new = breakage.old_value, breakage.new_value
    obj = breakage.obj
    match breakage.kind.name:
        case "OBJECT_REMOVED":
            if _kind(old) == "module":
                kind, what = "module-removed", "module was removed"
            else:
                what = "was removed"
        case "PARAMETER_ADDED_REQUIRED":
            what = f"gained required parameter `{new.name}`"
        case "PARAMETER_CHANGED_REQUIRED":
            what = f"parameter `{new.name}` is now required"
        case "PARAMETER_REMOVED":
            what = f"lost parameter `{old.name}`"
        case "PARAMETER_MOVED":
            what = f"parameter `{old.name}` moved"
        case "PARAMETER_CHANGED_KIND":
            what = f"parameter `{old.name}` changed kind ({old.kind.value} -> {new.kind.value})"
        case "PARAMETER_CHANGED_DEFAULT":
            what = f"parameter `{old.name}` changed its default ({old.default} -> {new.default})"
        case "RETURN_CHANGED_TYPE":
            what = f"changed its return type ({old} -> {new})"
        case "OBJECT_CHANGED_KIND":
            what = f"changed from a {_kind(old)} to a {_kind(new)}"
        case "ATTRIBUTE_CHANGED_TYPE":
            what = f"changed its type ({old} -> {new})"
        case "ATTRIBUTE_CHANGED_VALUE":
            what = f"changed its value ({old} -> {new})"
        case "CLASS_REMOVED_BASE":
            what = f"no longer derives from {old}"
        case _:
            what = str(breakage.kind.value).lower()
    return Change(obj.path, kind, what, _where(obj))


def _unlisted(old: Any, new: Any) -> Iterator[Change]:
    """Changes griffe does not report, walking the objects both sides define."""
    for name, after in _members(new):
        before = _member(old, name)
        if before is None:
            continue
        if _kind(after) == "function" and _kind(before) == "function":
            returns = before.returns, after.returns
            if None not in returns and _type(returns[0]) != _type(returns[1]):
                yield Change(
                    after.path,
                    "return-changed-type",
                    f"changed its return type ({returns[0]} -> {returns[1]})",
                    _where(after),
                )
            if "abstractmethod" in after.labels and "abstractmethod" not in before.labels:
                yield Change(after.path, "became-abstract", "became abstract", _where(after))
        elif _kind(after) == "class" and _kind(before) == "class":
            protocol = any(str(b).rpartition(".")[2] == "Protocol" for b in after.bases)
            for member, added in _members(after):
                if _member(before, member) is not None or member.startswith("_"):
                    continue
                if _kind(added) == "function" and "abstractmethod" in added.labels:
                    yield Change(
                        added.path, "abstract-added", "is a new abstract method", _where(added)
                    )
                elif protocol:
                    yield Change(
                        added.path,
                        "protocol-member-added",
                        "is a new member of the Protocol: implementations lack it",
                        _where(added),
                    )
            yield from _unlisted(before, after)
        elif _kind(after) == "module" and _kind(before) == "module":
            yield from _unlisted(before, after)


def _renames(changes: list[Change], old: Any, new: Any) -> list[Change]:
    """A class member removed where the class gained exactly one member of the same signature:
    a rename (the addition, when it was a change of its own, is folded into it)."""
    out: list[Change] = []
    folded: set[str] = set()
    for c in changes:
        parent, _, name = c.path.rpartition(".")
        before, after = _lookup(old, parent), _lookup(new, parent)
        if c.kind != "object-removed" or _kind(before) != "class" or _kind(after) != "class":
            out.append(c)
            continue
        removed = _member(before, name)
        candidates = [
            member
            for member, added in _members(after)
            if _member(before, member) is None and _signature(added) == _signature(removed)
        ]
        if len(candidates) != 1:
            out.append(c)
            continue
        folded.add(f"{parent}.{candidates[0]}")
        out.append(
            Change(
                c.path, "renamed", f"was renamed to `{candidates[0]}`", c.where, (candidates[0],)
            )
        )
    return [_moved(c, old, new) for c in out if c.kind == "renamed" or c.path not in folded]


def _moved(change: Change, old: Any, new: Any) -> Change:
    """A removed module whose public names all live in one module the after side added: it
    moved there."""
    if change.kind != "module-removed":
        return change
    gone = _lookup(old, change.path)
    names = {n for n, _ in _members(gone)} if gone is not None else set()
    if not names:
        return change
    homes = [
        module.path
        for module in _modules(new)
        if _lookup(old, module.path) is None and names <= {n for n, _ in _members(module)}
    ]
    if len(homes) != 1:
        return change
    return Change(
        change.path, "module-moved", f"module moved to `{homes[0]}`", change.where, change.names
    )


def _modules(root: Any) -> Iterator[Any]:
    yield root
    for _, member in _members(root):
        if _kind(member) == "module":
            yield from _modules(member)


def _lookup(root: Any, path: str) -> Any:
    parts = path.split(".")
    if parts[0] != root.name:
        return None
    obj = root
    for part in parts[1:]:
        obj = _member(obj, part) if obj is not None else None
    return obj


def _signature(obj: Any) -> str | None:
    if obj is None:
        return None
    if _kind(obj) != "function":
        return f"{_kind(obj)}:{getattr(obj, 'annotation', None)}"
    params = ", ".join(f"{p.name}:{p.kind.value}:{p.annotation}" for p in obj.parameters)
    return f"function({params})->{obj.returns}"


def explains(change: Change, finding: Finding) -> int:
    """How well ``change`` explains ``finding`` (0: not at all): the changed object's own name
    must appear in the finding as a word; each enclosing name found too adds one."""
    text = f"{finding.message} {finding.subject or ''}"
    parts = change.path.split(".")
    names = [parts[-1], *change.names]
    if not any(_word(name, text) for name in names):
        return 0
    score = 1 + sum(1 for part in parts[:-1] if _word(part, text))
    # A parameter's name: `help` in "missing 1 required positional argument: 'help'"; quoted,
    # it is what the finding is about, not a name in a list.
    for name in re.findall(r"`(\w+)`", change.what):
        score += _word(name, text) + (f"'{name}'" in text)
    return score + (1 if finding.subject in names else 0)


_ALIASES = {"List": "list", "Dict": "dict", "Tuple": "tuple", "Set": "set", "Type": "type"}
_ALIASES |= {"FrozenSet": "frozenset"}


def _type(annotation: object) -> str:
    """An annotation spelled one way: ``Optional[X]`` and ``Union[X, None]`` as ``X | None``,
    ``List`` as ``list``, ``typing.`` left out, a ``Generator``'s default ``None`` send and
    return types dropped, union members sorted. Unparsable text stays as it is."""
    try:
        tree = ast.parse(str(annotation), mode="eval").body
    except SyntaxError:
        return str(annotation)
    return _spell(tree)


def _spell(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        owner = node.value.id if isinstance(node.value, ast.Name) else ""
        if owner in ("typing", "t", "collections", "abc"):
            return _ALIASES.get(node.attr, node.attr)
    if isinstance(node, ast.Name):
        return _ALIASES.get(node.id, node.id)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _union([node.left, node.right])
    if isinstance(node, ast.Subscript):
        base = _spell(node.value)
        args = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        if base == "Optional":
            return _union([*args, ast.Constant(None)])
        if base == "Union":
            return _union(args)
        spelled = [_spell(a) for a in args]
        if base in ("Generator", "AsyncGenerator"):
            while len(spelled) > 1 and spelled[-1] == "None":
                spelled.pop()
        return f"{base}[{', '.join(spelled)}]"
    return ast.unparse(node)


def _union(members: list[ast.expr]) -> str:
    flat: set[str] = set()
    for member in members:
        spelled = _spell(member)
        flat.update(spelled.split(" | ") if "[" not in spelled else [spelled])
    return " | ".join(sorted(flat))


def _word(name: str, text: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text) is not None


def _members(obj: Any) -> list[tuple[str, Any]]:
    return [
        (name, member)
        for name, member in sorted(obj.members.items())
        if not member.is_alias and (not name.startswith("_") or name == "__init__")
    ]


def _member(obj: Any, name: str) -> Any:
    member = obj.members.get(name)
    return None if member is None or member.is_alias else member


def _kind(obj: Any) -> str:
    try:
        return str(obj.kind.value)
    except Exception:  # an alias that does not resolve
        return "object"


def _where(obj: Any) -> str | None:
    try:
        path = obj.relative_package_filepath
    except Exception:  # griffe cannot tell for every object
        return None
    line = getattr(obj, "lineno", None)
    return f"{path}:{line}" if line else str(path)
