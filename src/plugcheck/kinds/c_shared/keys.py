"""The keys a ``c-shared`` contract and a ``go-so`` contract set, and how each value is checked
when the configuration is loaded: no check of either kind is imported with them."""

from __future__ import annotations

from typing import Any

from plugcheck import config as _config


def _identifier(value: Any) -> str | None:
    if not isinstance(value, str) or not value.isidentifier():
        return f"must be a C/Go identifier, got {value!r}"
    return None


def _identifiers(value: Any) -> str | None:
    if not isinstance(value, list) or not all(
        isinstance(v, str) and v.isidentifier() for v in value
    ):
        return f"must be a list of identifiers, got {value!r}"
    return None


def _dirs(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return f"must be a list of directories, got {value!r}"
    return None


_IDENTIFIERS = {"type": "array", "items": {"type": "string"}}

FIELDS = {
    "header": _config.Field(
        _config.nonempty_string, _config.STRING, "The interface header, from the host's folder."
    ),
    "include-dirs": _config.Field(_dirs, _config.STRINGS, "Where the header's includes are."),
    "interface-prefix": _config.Field(
        _identifier, _config.STRING, "Exports with this prefix must be declared in the header."
    ),
    "smoke-function": _config.Field(
        _identifier, _config.STRING, "A no-argument function to call after loading."
    ),
}
"""The ``c-shared`` kind's keys."""

GO_FIELDS = {
    "host-binary": _config.Field(
        _config.nonempty_string, _config.STRING, "The Go host executable that opens the plugins."
    ),
    "lookup-symbols": _config.Field(
        _identifiers, _IDENTIFIERS, "The symbols the host looks up with plugin.Lookup."
    ),
}
"""The ``go-so`` kind's keys (its checks are in kinds/go_so/)."""
