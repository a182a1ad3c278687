"""The host's own calls on a plugin: its ``calls`` on the object the factory made, each with
fresh stand-ins, and the register hook with a fresh registry."""

from __future__ import annotations

import functools
from collections.abc import Callable

from . import registered
from .accepts import iterate, refused
from .describe import qualname, safe_str
from .identity import maker, resolve
from .protocol_members import shutdown_args
from .steps import StepDriver, member

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from typing import Any

    from plugcheck.harness.protocol import CallFacts, RegisterFacts, StepDone

    Msg = dict[str, Any]

_type = type


def call_each(d: StepDriver, obj: Any, calls: list[Msg]) -> None:
    """The host's own calls on the object (``ext.extendMarkdown(md)``), in order, each with
    fresh stand-ins built outside the step: a failing stand-in is not the plugin's fault."""
    for call in calls:
        refs = call["stand_ins"]
        facts: CallFacts = {
            "method": call["method"],
            "arguments": [":".join(r) for r in refs],
            "keywords": [f"{k[0]}={k[1]}:{k[2]}" for k in call.get("keywords", [])],
        }
        d.send({"t": "facts", "step": "call", "facts": facts})
        try:
            arguments = [maker(ref)() for ref in refs]
            keywords = {k[0]: maker(k[1:])() for k in call.get("keywords", [])}
            expected = call.get("return_type")
            host_type = resolve(expected) if expected else None
        except BaseException as exc:
            reason = (
                f"a stand-in for {call['method']}() failed: {qualname(_type(exc))}: {safe_str(exc)}"
            )
            skipped: StepDone = {"t": "done", "step": "call", "outcome": "skipped"}
            d.send({**skipped, "seconds": 0.0, "detail": reason})
            continue
        d.clock(d.deadline)  # the attribute lookup runs plugin code too
        method = member(obj, call["method"])
        # Not functools.partial: a member that is not callable (`extend = None`) must fail
        # inside the step, as the host's call does, not in the harness.
        bound = functools.partial(_call, method, arguments, keywords)

        made = functools.partial(_accepted, d, bound, call, host_type)
        ok, _ = d.step("call", made, target=method)
        if not ok:
            return


def _accepted(d: StepDriver, bound: Callable[[], Any], call: Msg, host_type: Any) -> Any:
    """``bound()``, and the host's own check of its result (the call's ``returns``)."""
    result = d.call(bound)
    problem = refused(
        call["method"],
        call.get("returns", "any"),
        result,
        required_keys=call.get("required_keys", []),
        expected=host_type,
    )
    if problem is not None:
        raise TypeError(problem)
    iterated = call.get("returns") == "iterable"  # a generator's body runs only then
    if iterated and (problem := iterate(result, call["method"], host_type)) is not None:
        raise TypeError(problem)  # an item that is not the return-type
    return result


def register_hook(d: StepDriver, spec: Msg | None, found: Msg, chosen: dict[str, str]) -> None:
    """Call the register hook the host would pick with a fresh registry, as the host does
    before it calls the factory; report whether the registry gained entries."""
    reason = ""
    if spec is None:
        reason = "the contract names no registry (lifecycle.registry)"
    elif spec["export"] not in found:
        reason = f"the plugin has no {spec['export']} hook"
    else:
        try:
            registry = resolve(spec["registry"])()
        except BaseException as exc:
            reason = f"cannot build {spec['registry'][0]}:{spec['registry'][1]}(): " + (
                f"{qualname(_type(exc))}: {safe_str(exc)}"
            )
    if reason:
        skipped: StepDone = {"t": "done", "step": "register", "outcome": "skipped"}
        d.send({**skipped, "seconds": 0.0, "detail": reason})
        return
    hook = found[spec["export"]]  # type: ignore[index]
    name = chosen[spec["export"]]  # type: ignore[index]
    d.send({"t": "facts", "step": "register", "facts": {"hook": name}})  # even if the step hangs
    held = registered.held(registry) if spec.get("factories") else {}  # type: ignore[union-attr]
    before = registered.entries(registry)
    ok, _ = d.step("register", lambda: _hook(d, hook, registry, spec, held), target=hook)
    if ok:
        counts: RegisterFacts = {"before": before, "after": registered.entries(registry)}
        d.send({"t": "facts", "step": "register", "facts": counts})


def _hook(d: StepDriver, hook: Any, registry: Any, spec: Msg | None, held: dict[int, Any]) -> None:
    """The host's call of the register hook, then (``registered-factories``) its own use of
    every factory the hook added: a broken one fails the hook's step, as in the host."""
    d.call(lambda: hook(registry))
    lifecycle = d.request.get("lifecycle")
    if spec and spec.get("factories") and lifecycle is not None:
        stop = shutdown_args(lifecycle.get("protocol"), d.deadline)
        registered.build_each(held, registry, lifecycle, stop, d.call)


def _call(method: Any, arguments: list[Any], keywords: dict[str, Any]) -> Any:
    return method(*arguments, **keywords)
