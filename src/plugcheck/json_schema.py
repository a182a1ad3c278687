"""A JSON Schema for ``[tool.plugcheck]``, generated from the kinds' keys.

Editors and ``validate-pyproject`` (through the ``validate_pyproject.tool_schema`` entry point)
use it; plugcheck itself validates with ``config.load_config``, whose checks are stricter (paths
exist, type references resolve). The same schema ships in the wheel as
``plugcheck/tool-plugcheck.schema.json`` (``python scripts/gen_schema.py`` writes it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from plugcheck.config import CODES, COMMON_FIELDS, STRING, STRINGS, Field
from plugcheck.kinds import BUILTIN, available
from plugcheck.model import Severity
from plugcheck.passes import Kind

SCHEMA_ID = "https://plugcheck.invalid/tool-plugcheck.schema.json"


def _properties(fields: Mapping[str, Field]) -> dict[str, Any]:
    return {
        name: {**field.schema, "description": field.description}
        if field.description
        else dict(field.schema)
        for name, field in sorted(fields.items())
    }


def _required(kind: Kind) -> dict[str, Any]:
    """The keys ``kind`` requires; a set of alternatives is an ``anyOf`` (one of them at least)."""
    alone = [k for k in kind.required if isinstance(k, str)]
    choices = [
        {"anyOf": [{"required": [k]} for k in keys]}
        for keys in kind.required
        if not isinstance(keys, str)
    ]
    return {"required": ["kind", *alone], **({"allOf": choices} if choices else {})}


def _contract(kinds: Mapping[str, Kind]) -> dict[str, Any]:
    """A contract: ``kind`` picks which keys it may set (each kind's own, plus the common ones)."""
    per_kind = [
        {
            "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
            "then": {
                "properties": _properties({**COMMON_FIELDS, **kind.fields}),
                **_required(kind),
                "additionalProperties": False,
            },
        }
        for name, kind in kinds.items()
    ]
    return {
        "type": "object",
        "required": ["kind"],
        "properties": {
            "kind": {
                "enum": list(kinds),
                "description": "; ".join(f"{n}: {k.description}" for n, k in kinds.items()),
            }
        },
        "allOf": per_kind,
    }


def tool_schema(tool: str = "plugcheck", kinds: Mapping[str, Kind] | None = None) -> dict[str, Any]:
    """JSON Schema of ``[tool.$tool]``: plugcheck's contracts, keyed by their kind."""
    kinds = available() if kinds is None else kinds
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": f"[tool.{tool}]",
        "description": "plugcheck: the contracts plugins of this host must keep.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "contracts": {
                "type": "object",
                "description": "The named contracts.",
                "additionalProperties": _contract(kinds),
            },
            "include": {**STRINGS, "description": "Other pyproject.toml files to add."},
            "search-path": {**STRINGS, "description": "Where API and host modules are found."},
            "fail-on": {
                "enum": [s.value for s in Severity],
                "description": "Lowest severity that makes the exit status 1.",
            },
            "select": {**CODES, "description": "Rule codes or prefixes to report."},
            "ignore": {**CODES, "description": "Rule codes or prefixes not to report."},
            "cache-dir": {"type": "string", "description": "Cache of the mypy pass."},
            "use": {
                "anyOf": [STRING, {**STRINGS, "minItems": 1}],
                "description": "In a plugin project: the published or bundled contracts it "
                "follows, by name (`sphinx` or `sphinx-extensions`).",
            },
        },
    }


def dumps() -> str:
    """The schema as shipped (the built-in kinds): sorted keys, two-space indent, final newline."""
    builtin = {kind.name: kind for kind in BUILTIN}
    return json.dumps(tool_schema(kinds=builtin), indent=2, sort_keys=True) + "\n"
