"""An object the contract types by a host Protocol (pydantic's ``entry-point-object = { type =
"pydantic.plugin:PydanticPluginProtocol", kind = "instance" }``) judged member by member, as the
host meets it: each call the host makes must fit the plugin's method; what a method *declares*
it returns is an annotation nothing checks when the host calls it. logfire declares
``new_schema_validator(...) -> tuple[_ValidateWrapper, ...] | tuple[None, ...]`` where pydantic
declares a 3-tuple of handlers, and works: its call fits. Only imported inside a mypy build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mypy.nodes import MypyFile
from mypy.options import Options
from mypy.subtypes import find_member, is_subtype
from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    NoneType,
    ProperType,
    TupleType,
    Type,
    UnionType,
    UnpackType,
    get_proper_type,
)

from plugcheck.static.result_uses import Need, ResultUse, result_uses

Payload = dict[str, Any]
Uses = Callable[[str], list[ResultUse] | None]
"""The host's calls of a member and what each does with its result (``None``: not read)."""
HostUses = Callable[[str, str], list[ResultUse] | None]
"""The same for a member of a Protocol of the module named first."""

_SEQUENCES = frozenset(
    {"builtins.tuple", "builtins.list", "typing.Sequence", "collections.abc.Sequence"}
)


def host_uses(modules: dict[str, MypyFile], protocol: str, member: str) -> list[ResultUse] | None:
    """The calls of ``member`` in the host package of ``protocol`` (a module name), as mypy
    found that package, and what each does with the result."""
    found = modules.get(protocol.partition(".")[0])
    if found is None or not found.path:
        return None
    path = Path(found.path)
    return result_uses(path.parent if path.name == "__init__.py" else path, member)


def member_fit(
    proto: Instance,
    got: Instance,
    members: list[str],
    conflict: Callable[[Type, Type, Options], Payload],
    options: Options,
    uses: Uses = lambda _: None,
) -> Payload:
    """Why ``got`` is no ``proto`` in the host's terms: ``reason`` names the first member the
    host's call does not fit (missing, its parameters, sync/async); where every member's call
    fits and only declared returns differ, ``return_only`` with ``related`` (every return
    declared is one the host's declaration allows as run time sees it, or every use the host
    makes of it fits); ``fits_by_use`` where what the host does with every return fits."""
    returns: list[Payload] = []
    used = False
    for name in members:
        want = find_member(name, proto, got)
        have = find_member(name, got, got)
        if want is None:
            continue
        if have is None:
            return {"reason": f"it has no member {name}, which the host uses"}
        if is_subtype(have, want, ignore_pos_arg_names=True, options=options):
            continue
        found = conflict(have, want, options)
        # A callable Protocol's __call__ is a function type spelled as a class: its result is
        # the product the host asked for, judged as a function export's is (an error).
        if found["kind"] != "return" or name == "__call__":
            why = found.get("reason") or f"{found['got_def']} where it declares {found['expected']}"
            if found["kind"] == "return":
                why = (
                    f"it returns {found['got_return']}, the host expects {found['expected_return']}"
                )
            return {"reason": f"its {name}: {why}", "member": name}
        judged = _by_use(have, uses(name))
        if judged is None:
            used = True  # every use the host makes of the result fits what it declares
            continue
        returns.append(found | {"member": name} | judged)
    if not returns:
        return {"fits_by_use": True} if used else {}
    said = "; ".join(
        f"{r['member']} returns {r['got_return']} where the host declares {r['expected_return']}"
        + (f" ({r['use']})" if r.get("use") else "")
        for r in returns
    )
    return {
        "return_only": True,
        "params_ok": True,
        "member": returns[0]["member"],
        "by_use": all(r["use"] for r in returns),
        "related": all(
            r.get("fits") or (r["related"] and not r["wider"] and not r.get("use")) for r in returns
        ),
        "reason": f"only the declared returns differ: {said}",
    }


def _by_use(have: Type, uses: list[ResultUse] | None) -> Payload | None:
    """The declared return judged by what the host does with it at each of its calls:
    ``None`` when every use fits, whatever the annotation says; ``fits`` when they fit save
    what no declaration settles (how many items a tuple of any length has); else ``use``
    says which use does not fit (empty: the host's uses were not read)."""
    method = get_proper_type(have)
    if not isinstance(method, CallableType) or not uses:
        return {"use": ""}
    unsettled = ""
    for use in uses:
        if use.length is None:
            if use.needs and (why := _lacks([method.ret_type], use.needs[0])):
                return {"use": f"{use.where}: {why}"}
            continue
        positions = _positions(method.ret_type, use.length)
        if isinstance(positions, str):
            return {"use": f"{use.where}: {positions}" if positions else ""}
        items, variable = positions
        if variable:
            unsettled = f"the number of items, which it unpacks into {use.length} ({use.where})"
        for need, types in zip(use.needs, items, strict=True):
            if why := _lacks(types, need):
                return {"use": f"{use.where}: {why}"}
    return {"fits": True, "use": f"its uses fit, save {unsettled}"} if unsettled else None


def _arms(typ: Type) -> list[ProperType]:
    proper = get_proper_type(typ)
    if isinstance(proper, UnionType):
        return [a for item in proper.items for a in _arms(item)]
    return [proper]


def _positions(returned: Type, length: int) -> tuple[list[list[Type]], bool] | str:
    """The types each of ``length`` unpacked names may get, and whether a tuple of any length
    is among them; why the unpacking fails (empty: not read)."""
    items: list[list[Type]] = [[] for _ in range(length)]
    variable = False
    for arm in _arms(returned):
        if isinstance(arm, AnyType):
            continue
        if isinstance(arm, TupleType) and not any(
            isinstance(get_proper_type(t), UnpackType) for t in arm.items
        ):
            if len(arm.items) != length:
                return f"it returns {len(arm.items)} items, which the host unpacks into {length}"
            for slot, item in zip(items, arm.items, strict=True):
                slot.append(item)
        elif isinstance(arm, Instance) and arm.type.fullname in _SEQUENCES and arm.args:
            variable = True
            for slot in items:
                slot.append(arm.args[0])
        else:
            return ""
    return items, variable


def _lacks(types: list[Type], need: Need) -> str:
    """Why a value of one of ``types`` fails the host's use (empty: it fits)."""
    for arm in (a for t in types for a in _arms(t)):
        if isinstance(arm, AnyType) or not need.attributes:
            continue
        if isinstance(arm, NoneType):
            if not need.none_ok:
                return f"it may give None, whose {min(need.attributes)} the host reads"
            continue
        if not isinstance(arm, Instance):
            return f"the host reads {min(need.attributes)} of a {arm}, not judged here"
        if arm.type.get("__getattr__") is not None:
            continue
        for name in sorted(need.attributes):
            if find_member(name, arm, arm) is None:
                return f"the host reads {name} of the {arm.type.name} it returns, which has none"
    return ""
