"""Appending the proposal to a host's ``pyproject.toml`` without touching what is there."""

from __future__ import annotations

import json
import re
from pathlib import Path

from plugcheck.config import parse_toml


def append_contract(pyproject: Path, contract: str) -> str:
    """The new text of ``pyproject`` with ``contract`` appended; existing text is untouched.

    Raises ``ValueError`` when the file already has ``[tool.plugcheck]`` or would stop being
    valid TOML (e.g. an inline ``tool = {...}`` table).
    """
    text = pyproject.read_text(encoding="utf-8") if pyproject.is_file() else ""
    try:
        data = parse_toml(text)
    except ValueError as exc:
        raise ValueError(f"{pyproject}: invalid TOML: {exc}") from None
    tool = data.get("tool")
    if isinstance(tool, dict) and "plugcheck" in tool:
        raise ValueError(f"{pyproject}: already has a [tool.plugcheck] table")
    # Keep one blank line between the existing text and the new tables.
    separator = "\n\n"[len(text) - len(text.rstrip("\n")) :] if text else ""
    new = f"{text}{separator}{contract}"
    try:
        parse_toml(new)
    except ValueError as exc:
        raise ValueError(f"{pyproject}: cannot append [tool.plugcheck] ({exc})") from None
    return new


def toml_key(text: str) -> str:
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else toml_string(text)


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_stand_in(ref: str) -> str:
    """A stand-in: ``"module:callable"``, or for a literal (``:<json>``) ``{ value = ... }``
    (``{ none = true }`` for ``None``)."""
    if not ref.startswith(":"):
        return toml_string(ref)
    value = json.loads(ref[1:])
    if value == {"$entry-point": "name"}:
        return '{ entry-point = "name" }'

    if value is None:
        return "{ none = true }"
    return f"{{ value = {_toml_value(value)} }}"


def _toml_value(value: object) -> str:
    """A JSON value (no ``null``) spelled as a TOML value."""
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml_value, value)) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return f"{{ {items} }}" if items else "{}"
    return repr(value)
