"""A go-plugin contract's keys and the settings the harness launches plugins with."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from plugcheck import config as _config
from plugcheck.kinds import out_of_process as oop
from plugcheck.model import Contract

CORE_PROTOCOL_VERSION = 1
MIN_PORT, MAX_PORT = 10000, 25000
"""go-plugin's client defaults for the port range it offers the plugin."""
DEFAULT_DEADLINE = 5.0
STOP_GRACE = 2.0
"""How long go-plugin's client waits after a graceful stop before it kills the plugin."""


def _cookie(value: Any) -> str | None:
    if (
        not isinstance(value, dict)
        or set(value) != {"key", "value"}
        or not all(isinstance(v, str) and v for v in value.values())
    ):
        return 'must be a table { key = "NAME", value = "..." } with non-empty strings'
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value["key"]):
        return f"key {value['key']!r} is not an environment variable name"
    return None


def _versions(value: Any) -> str | None:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value)
    ):
        return f"must be a non-empty list of positive integers, got {value!r}"
    return None


def _protocols(value: Any) -> str | None:
    if _config.string_list(value) or not set(value) <= {"grpc", "netrpc"}:
        return f'must be a non-empty list of "grpc" and/or "netrpc", got {value!r}'
    return None


FIELDS = {
    "magic-cookie": _config.Field(
        _cookie,
        _config.table_of({"key": _config.IDENTIFIER, "value": _config.STRING}, "key", "value"),
        "The handshake cookie: { key, value } as the host sets it.",
    ),
    "protocol-versions": _config.Field(
        _versions, {"type": "array"}, "The app protocol versions the host speaks."
    ),
    "protocols": _config.Field(
        _protocols, _config.STRINGS, 'The wire protocols the host accepts ("grpc", "netrpc").'
    ),
    "plugins": _config.Field(
        _config.string_list, _config.STRINGS, "The plugin names the host dispenses."
    ),
    "stop-grace": _config.Field(
        _config.positive_number,
        _config.POSITIVE_NUMBER,
        "Seconds a plugin has to stop after the host asks it to.",
    ),
}


@dataclass(frozen=True, slots=True)
class GoPluginSettings:
    cookie_key: str
    cookie_value: str
    versions: tuple[int, ...]
    protocols: tuple[str, ...]
    plugins: tuple[str, ...]
    deadline: float
    stop_grace: float = STOP_GRACE
    path: str | None = None
    """``PATH`` for the plugin process (the target interpreter's directory first)."""
    readable: tuple[str, ...] = ()
    """What the plugin process may read (``sandbox.readable_paths``)."""


def settings_of(contract: Contract) -> GoPluginSettings:
    oop.require(contract, "magic-cookie", "protocol-versions")
    cookie = contract.options["magic-cookie"]
    return GoPluginSettings(
        cookie_key=cookie["key"],
        cookie_value=cookie["value"],
        versions=tuple(contract.options["protocol-versions"]),
        protocols=tuple(oop.option(contract, "protocols", ["grpc"])),
        plugins=tuple(oop.option(contract, "plugins", [])),
        deadline=float(oop.option(contract, "deadline", DEFAULT_DEADLINE)),
        stop_grace=float(oop.option(contract, "stop-grace", STOP_GRACE)),
    )
