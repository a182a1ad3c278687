"""The host's use of each plugin's pair of handlers (pydantic's ``_schema_validator.py``): each
kept when given, and its on_enter read only where ``implements`` finds one."""

from __future__ import annotations

from typing import Any

from vapi import ValidatorPlugin
from vapi.handlers import Handler


def prepare(plugins: list[ValidatorPlugin], schema: dict[str, Any], name: str) -> None:
    entering: list[Handler] = []
    for plugin in plugins:
        first, second = plugin.new_validator(schema, name)
        if first is not None:
            entering.append(first)
        if second is not None:
            entering.append(second)
    run(entering, schema)


def run(handlers: list[Handler], data: object) -> None:
    for enter in tuple(h.on_enter for h in handlers if implements(h, "on_enter")):
        enter(data)


def implements(handler: Handler, method: str) -> bool:
    found = getattr(handler, method, None)
    if found is None:
        return False
    return True
