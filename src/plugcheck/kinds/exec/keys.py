"""The keys an ``exec`` contract sets, and how each value is checked when the configuration is
loaded: no check of the kind is imported with them."""

from __future__ import annotations

from typing import Any

from plugcheck import config as _config


def _prefix(value: Any) -> str | None:
    if not isinstance(value, str) or not value or "/" in value:
        return f"must be a non-empty file name prefix, got {value!r}"
    return None


def _methods(value: Any) -> str | None:
    if not isinstance(value, dict) or not value:
        return (
            "must be a table: method = { params = {schema}, result = {schema}, examples = [...] }"
        )
    for name, spec in value.items():
        if not isinstance(spec, dict):
            return f"{name}: must be a table with params, result and examples"
        unknown = set(spec) - {"params", "result", "examples"}
        if unknown:
            return f"{name}.{sorted(unknown)[0]}: unknown key (expected params, result, examples)"
        for key in ("params", "result"):
            if not isinstance(spec.get(key), dict):
                return f"{name}.{key}: must be a JSON Schema (a table)"
        examples = spec.get("examples")
        if not isinstance(examples, list) or not examples:
            return f"{name}.examples: must be a non-empty list of params values to send"
    return None


FIELDS = {
    "prefix": _config.Field(_prefix, _config.STRING, "The command line that runs a plugin file."),
    "methods": _config.Field(
        _methods, _config.TABLE, "The JSON methods: name = { params, result } JSON Schemas."
    ),
    "max-response": _config.Field(
        _config.positive_int, _config.POSITIVE_INT, "The largest response accepted, in bytes."
    ),
}
