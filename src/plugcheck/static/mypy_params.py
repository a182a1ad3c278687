"""The parameters of a lifecycle method the host's call does not fit, in words and by class.
Only imported inside a mypy build (it imports mypy)."""

from __future__ import annotations

from typing import Any

from mypy.messages import format_type_bare as _fmt
from mypy.nodes import ARG_NAMED, ARG_OPT, ARG_POS, ARG_STAR
from mypy.options import Options
from mypy.subtypes import is_subtype
from mypy.types import CallableType, Instance, get_proper_type


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


def misfit_class(got: CallableType, exp: CallableType, options: Options) -> dict[str, Any]:
    """The class of the first parameter that does not accept what the host declares it passes
    (``param_class``: ``builtins.int`` for ``timeout: int``), when it is one class."""
    passed = [
        t for k, t in zip(exp.arg_kinds, exp.arg_types, strict=True) if k in (ARG_POS, ARG_OPT)
    ]
    slots = [
        t for k, t in zip(got.arg_kinds, got.arg_types, strict=True) if k in (ARG_POS, ARG_OPT)
    ]
    for host, mine in zip(passed, slots, strict=False):
        if is_subtype(host, mine, options=options):
            continue
        proper = get_proper_type(mine)
        return {"param_class": proper.type.fullname} if isinstance(proper, Instance) else {}
    return {}
