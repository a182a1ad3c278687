"""The ``base`` key a contract of the ``subclass`` kind sets, and how its value is checked when
the configuration is loaded: no check of the kind is imported with it."""

from __future__ import annotations

from typing import Any

from plugcheck import config as _config


def _validate(raw: Any) -> str | None:
    if not isinstance(raw, str) or not _config._TYPEREF.match(raw.strip()):
        return f'must be the host base class as "module:Class", got {raw!r}'
    return None


FIELDS = {
    "base": _config.Field(
        _validate, _config.STRING, 'The host base class plugins subclass, "module:Class".'
    )
}
"""The ``subclass`` kind's own key."""
