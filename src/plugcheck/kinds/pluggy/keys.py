"""The keys of the ``pluggy`` table a contract of the ``pluggy`` kind sets, and how each value
is checked when the configuration is loaded: no check of the kind is imported with them."""

from __future__ import annotations

from typing import Any

from plugcheck import config as _config
from plugcheck.config.fields import (
    ENTRY_POINT_NAME,
    MAX_SAMPLES,
    attributes_problem,
    sample_refs,
)
from plugcheck.harness.worker.accepts import RETURNS

_KEYS = {
    "project",
    "hookspecs",
    "prefix",
    "optional-hooks",
    "addhooks",
    "check-pending",
    "awaits",
    "stand-ins",
    "calls",
    "hook-returns",
    "call-hooks",
    "plugins-variable",
    "builtin-plugins",
}
_RETURN_KEYS = {"returns", "return-type", "or-list", "attributes", "required-keys"}


def _validate(raw: Any) -> str | None:
    if not isinstance(raw, dict):
        return "must be a table: project, hookspecs, prefix, optional-hooks, addhooks"
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        return f"unknown key {unknown[0]!r} (expected one of: {', '.join(sorted(_KEYS))})"
    if not isinstance(raw.get("project"), str) or not raw["project"]:
        return "`project` (the name given to PluginManager and the markers) is required"
    specs = raw.get("hookspecs")
    if not isinstance(specs, list) or not specs or not all(isinstance(s, str) for s in specs):
        return '`hookspecs` must be a non-empty list of module names ("pkg.hookspec")'
    for spec in specs:
        module, _, cls = spec.partition(":")
        if not _config._DOTTED.match(module) or (cls and not _config._DOTTED.match(cls)):
            return f"hookspecs: {spec!r} is not a module name or module:Class"
    for key in ("prefix", "addhooks"):
        if key in raw and (not isinstance(raw[key], str) or not raw[key]):
            return f"`{key}` must be a non-empty string"
    optional = raw.get("optional-hooks", [])
    if isinstance(optional, dict):
        if not all(
            isinstance(v, list) and all(isinstance(a, str) for a in v) for v in optional.values()
        ):
            return "`optional-hooks` as a table maps hook names to the argument names passed"
    elif not isinstance(optional, list) or not all(isinstance(s, str) for s in optional):
        return "`optional-hooks` must be a list of hook names (or a table: hook -> arguments)"
    for key in ("check-pending", "awaits"):
        if not isinstance(raw.get(key, False), bool):
            return f"`{key}` must be true or false"
    stand_ins = raw.get("stand-ins", {})
    if not isinstance(stand_ins, dict) or not all(
        (refs := sample_refs(v)) is not None and ENTRY_POINT_NAME not in refs
        for v in stand_ins.values()
    ):
        return (
            '`stand-ins` maps hook argument names to "module:callable" (what makes the object '
            "the host passes), { value = <a string, number, boolean, list or table> }, "
            f"{{ none = true }} or {{ samples = [<1 to {MAX_SAMPLES} of those>] }} (the values "
            f"the host passes across its calls), got {stand_ins!r}"
        )
    if (problem := _calls_problem(raw.get("calls", 1))) is not None:
        return problem
    hooks = raw.get("call-hooks", [])
    if not isinstance(hooks, list) or not all(isinstance(h, str) and h for h in hooks):
        return "`call-hooks` must be a list of hook names (the only hooks called with stand-ins)"
    variable = raw.get("plugins-variable", "x")
    if not isinstance(variable, str) or not variable.isidentifier():
        return "`plugins-variable` must be a module-level variable name (pytest: pytest_plugins)"
    if "builtin-plugins" in raw and not _is_ref(raw["builtin-plugins"]):
        return '`builtin-plugins` must be "module:attr" (pytest: "_pytest.config:builtin_plugins")'
    return _validate_returns(raw.get("hook-returns", {}))


def _calls_problem(calls: Any) -> str | None:
    """``calls``: how many times the host calls each hook (an integer), or some hooks (a table
    hook name -> integer; the others once)."""
    table = calls if isinstance(calls, dict) else {"": calls}
    if not all(
        isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= MAX_SAMPLES
        for n in table.values()
    ):
        return (
            f"`calls` must be how many times the host calls each hook (1 to {MAX_SAMPLES}), or "
            f"a table: hook name -> that number, got {calls!r}"
        )
    return None


def _validate_returns(raw: Any) -> str | None:
    """``hook-returns``: hook name -> {returns, return-type, or-list, attributes, required-keys}."""
    if not isinstance(raw, dict):
        return "`hook-returns` must be a table: hook name -> { returns = ..., ... }"
    for hook, table in raw.items():
        where = f"hook-returns.{hook}"
        if not isinstance(table, dict) or not isinstance(table.get("returns"), str):
            return f"`{where}` must be a table with `returns` (one of: {', '.join(RETURNS)})"
        unknown = sorted(set(table) - _RETURN_KEYS)
        if unknown:
            expected = ", ".join(sorted(_RETURN_KEYS))
            return f"`{where}`: unknown key {unknown[0]!r} (expected: {expected})"
        if table["returns"] not in RETURNS:
            return (
                f"`{where}.returns` must be one of: {', '.join(RETURNS)}, got {table['returns']!r}"
            )
        typed = table["returns"] in ("instance", "subclass")
        ref = table.get("return-type")
        if typed != (ref is not None) or (ref is not None and not _is_ref(ref)):
            return (
                f'`{where}.return-type` ("module:Class") goes with returns = "instance" or '
                '"subclass"'
            )
        if not isinstance(table.get("or-list", False), bool):
            return f"`{where}.or-list` must be true or false"
        value = table.get("required-keys", [])
        if not isinstance(value, list) or not all(isinstance(a, str) and a for a in value):
            return f"`{where}.required-keys` must be a list of names"
        if "attributes" in table and (
            problem := attributes_problem(table["attributes"], f"{where}.attributes")
        ):
            return problem
    return None


def _is_ref(value: object) -> bool:
    return isinstance(value, str) and bool(_config._TYPEREF.match(value))


FIELDS = {
    "pluggy": _config.Field(
        _validate,
        {
            "type": "object",
            "properties": {key: {} for key in sorted(_KEYS)},
            "required": ["project", "hookspecs"],
            "additionalProperties": False,
        },
        "The host's pluggy setup: project, hookspecs, prefix, optional-hooks, ...",
    )
}
"""The ``pluggy`` kind's own key."""
