"""The parameters of a lifecycle method the host's call does not fit, in words.
Only imported inside a mypy build (it imports mypy)."""

from __future__ import annotations

from mypy.messages import format_type_bare as _fmt
from mypy.nodes import ARG_NAMED, ARG_OPT, ARG_POS, ARG_STAR
from mypy.options import Options
from mypy.subtypes import is_subtype
from mypy.types import CallableType


def explain_params(got: CallableType, exp: CallableType, options: Options) -> str:
    """Say in words why the host's call does not fit ``got``."""
    passed = [
        (name, typ)
        for kind, name, typ in zip(exp.arg_kinds, exp.arg_names, exp.arg_types, strict=True)
        if kind in (ARG_POS, ARG_OPT)
    ]
    slots = [
        (kind, name, typ)
        for kind, name, typ in zip(got.arg_kinds, got.arg_names, got.arg_types, strict=True)
        if kind in (ARG_POS, ARG_OPT)
    ]
    star = ARG_STAR in got.arg_kinds
    required = [(name, typ) for kind, name, typ in slots if kind == ARG_POS]
    if len(required) > len(passed):
        extra = ", ".join(f"{n or '?'}: {_fmt(t, options)}" for n, t in required[len(passed) :])
        return f"it requires {extra}, which the host does not pass"
    if len(slots) < len(passed) and not star:
        return (
            f"it accepts {len(slots)} positional argument(s), the host passes {len(passed)} "
            f"({', '.join(_fmt(t, options) for _, t in passed)})"
        )
    for (_, host_type), (_, name, typ) in zip(passed, slots, strict=False):
        if not is_subtype(host_type, typ, options=options):
            return (
                f"its parameter {name or '(positional)'}: {_fmt(typ, options)} does not accept the "
                f"{_fmt(host_type, options)} the host passes"
            )
    keyword_only = [n for k, n in zip(got.arg_kinds, got.arg_names, strict=True) if k == ARG_NAMED]
    if keyword_only:
        return f"it requires keyword-only {', '.join(str(n) for n in keyword_only)}"
    return "its parameters do not fit the host's call"
