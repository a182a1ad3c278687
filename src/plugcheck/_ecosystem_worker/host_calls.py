"""The host's calls on an object it got from a plugin or built from a plugin's class
(``calls``: ``setup-function``'s and ``plugin-classes``'), its check of each result, and the
attributes it reads from the object (``attributes``)."""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any

from . import shared
from .protocol import AttributeRequest, SetupCall, Where


class StandInFailed(Exception):
    """A stand-in of the contract's failed before any plugin code ran: not the plugin's fault."""


def run(
    call: SetupCall,
    obj: Any,
    got: str,
    module_file: str | None,
    calls: Sequence[SetupCall] = (),
) -> tuple[str | None, Where | None, shared.Refused]:
    """The host's ``call`` on ``obj`` (what the entry function gave it, or the object it built
    from the class it gave), and the host's own check of its result (the call's ``returns``).
    ``calls``: all the host's calls on it, ``call`` among them: a method called more than once
    is named with the call's number and what it passed (``call 2 of 2 of handle("")``)."""
    method = call["method"]
    which = _which(call, calls)
    called = f"the host's {method}()"
    try:
        arguments = [shared.load(ref)() for ref in call["stand_ins"]]
        keywords = {k: shared.load(ref)() for k, ref in call["keyword_stand_ins"].items()}
        return_type = call.get("return_type")
        expected = shared.load(return_type) if return_type else None
    except BaseException as exc:  # the stand-in's failure, not the plugin's
        raise StandInFailed(shared.said(exc)) from exc
    returns = call.get("returns", "any")
    try:
        with shared.bounded():
            value = getattr(obj, method)(*arguments, **keywords)
            if inspect.iscoroutine(value):  # the host neither awaits nor iterates it
                value.close()
                problem: str | None = f"{method}() returned a coroutine, which never runs"
            else:
                problem = shared.ACCEPTS.refused(
                    method,
                    returns,
                    value,
                    required_keys=call.get("required_keys", []),
                    expected=expected,
                )
            if problem is None and returns == "iterable":  # as the host iterates it
                problem = shared.ACCEPTS.iterate(value, method, expected)
    except BaseException as exc:
        refused = shared.refusal(exc)
        frame = shared.plugin_frame(exc, module_file)
        return (
            f"{got}, and {which or called} on it raised {shared.said(exc)}",
            frame if frame["path"] else None,
            refused,
        )
    if problem is not None:  # at the method's def, as a wrong result of the entry function
        bound = getattr(obj, method, None)
        return (
            f"{got}, and {problem}" + (f" ({which})" if which else ""),
            shared.class_where(getattr(bound, "__func__", bound)),
            None,
        )
    return None, None, None


def _which(call: SetupCall, calls: Sequence[SetupCall]) -> str:
    """``call 2 of 3 of the host's handle("") ``: which of the host's calls of one method
    failed, with the stand-ins it passed; empty for a method called once."""
    same = [c for c in calls if c["method"] == call["method"]]
    if len(same) < 2:
        return ""
    number = next(i for i, c in enumerate(same, 1) if c is call)
    passed = [spelled(r) for r in call["stand_ins"]]
    passed += [f"{k}={spelled(r)}" for k, r in call["keyword_stand_ins"].items()]
    return f"call {number} of {len(same)} of the host's {call['method']}({', '.join(passed)})"


def spelled(ref: str) -> str:
    """A stand-in as the contract spells it: ``module:callable``, or the literal's JSON."""
    return ref[1:] if ref.startswith(":") else ref


def attribute_types(attributes: list[AttributeRequest]) -> list[tuple[str, Any, bool]]:
    """``attributes`` with each class loaded (the contract's, not the plugin's: its failure is
    a stand-in's)."""
    try:
        return [
            (a["name"], shared.load(ref) if (ref := a.get("type")) else None, a["non_empty"])
            for a in attributes
        ]
    except BaseException as exc:
        raise StandInFailed(shared.said(exc)) from exc


def read(
    obj: Any, got: str, attributes: list[tuple[str, Any, bool]], module_file: str | None
) -> tuple[str | None, Where | None, shared.Refused, str | None]:
    """The host's reads of ``attributes`` on ``obj``: why it refuses what it read, where (a
    property's frame that raised; else the class the value came from), and which one."""
    for attribute in attributes:
        try:
            with shared.bounded():
                problem = shared.ACCEPTS.attribute_refused(obj, [attribute])
        except BaseException as exc:
            refused = shared.refusal(exc)
            frame = shared.plugin_frame(exc, module_file)
            message = f"{got}, and the host's read of its {attribute[0]} raised {shared.said(exc)}"
            return message, frame if frame["path"] else None, refused, attribute[0]
        if problem is not None:
            return f"{got}, {problem}", None, None, attribute[0]
    return None, None, None, None


def takes_plugin(function: Any) -> bool:
    """Whether the contract's callable has a parameter ``plugin`` (for what the host loaded)."""
    try:
        return "plugin" in inspect.signature(function).parameters
    except (TypeError, ValueError):  # a builtin or a class without a readable signature
        return False


def accepted(
    ref: str, obj: Any, got: str, module_file: str | None, plugin: Any, cls: Any = None
) -> tuple[str | None, Where | None, shared.Refused]:
    """The host's own code (``accepted-by``, ``ref``) given ``obj``, and ``plugin=`` what the
    host loaded when it takes it: what it raises is the host's refusal, at the plugin's frame
    in the traceback when there is one. ``module:Class().method`` is the host's registration
    method on a fresh ``Class()``, given the plugin's class ``cls`` as a user hands it (Faker's
    ``Generator().add_provider(cls)``, which builds it itself)."""
    owner, fresh, method = ref.partition("().")
    try:
        with shared.bounded():
            accept = getattr(shared.load(owner)(), method) if fresh else shared.load(ref)
    except BaseException as exc:  # the contract's callable, not the plugin's failure
        raise StandInFailed(f"accepted-by: {shared.said(exc)}") from exc
    extra = {"plugin": plugin} if not fresh and takes_plugin(accept) else {}
    try:
        with shared.bounded():
            accept(cls if fresh and cls is not None else obj, **extra)
    except BaseException as exc:
        refused = shared.refusal(exc)
        frame = shared.plugin_frame(exc, module_file)
        shown = f"{accept.__module__}.{getattr(accept, '__qualname__', accept)}"
        message = f"{got}, and the host's {shown}() refused it: {shared.said(exc)}"
        if fresh:
            handed = getattr(cls, "__qualname__", got)
            message = (
                f"{handed} handed to the host's {owner.replace(':', '.')}().{method}(), which "
                f"refused it: {shared.said(exc)}"
            )
        return message, frame if frame["path"] else None, refused
    return None, None, None
