"""An object the contract types by a host Protocol (pydantic's ``entry-point-object = { type =
"pydantic.plugin:PydanticPluginProtocol", kind = "instance" }``) judged member by member, as the
host meets it: each call the host makes must fit the plugin's method; what a method *declares*
it returns is an annotation nothing checks when the host calls it. logfire declares
``new_schema_validator(...) -> tuple[_ValidateWrapper, ...] | tuple[None, ...]`` where pydantic
declares a 3-tuple of handlers, and works: its call fits. Only imported inside a mypy build."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mypy.options import Options
from mypy.subtypes import find_member, is_subtype
from mypy.types import Instance, Type

Payload = dict[str, Any]


def member_fit(
    proto: Instance,
    got: Instance,
    members: list[str],
    conflict: Callable[[Type, Type, Options], Payload],
    options: Options,
) -> Payload:
    """Why ``got`` is no ``proto`` in the host's terms: ``reason`` names the first member the
    host's call does not fit (missing, its parameters, sync/async); where every member's call
    fits and only declared returns differ, ``return_only`` with ``related`` (every return
    declared is one the host's declaration allows as run time sees it)."""
    returns: list[Payload] = []
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
        returns.append(found | {"member": name})
    if not returns:
        return {}
    said = "; ".join(
        f"{r['member']} returns {r['got_return']} where the host declares {r['expected_return']}"
        for r in returns
    )
    return {
        "return_only": True,
        "params_ok": True,
        "member": returns[0]["member"],
        "related": all(r["related"] and not r["wider"] for r in returns),
        "reason": f"only the declared returns differ: {said}",
    }
