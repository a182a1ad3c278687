"""The host's use of each plugin's pair of handlers (pydantic's ``_schema_validator.py``): the
first kept when given and its on_enter read only where ``implements`` finds one; the second
one's name read straight."""

from __future__ import annotations

from typing import Any

from vapi import Handler, ValidatorPlugin


def prepare(plugins: list[ValidatorPlugin], schema: dict[str, Any], name: str) -> list[str]:
    entering: list[Handler] = []
    names: list[str] = []
    for plugin in plugins:
        first, second = plugin.new_validator(schema, name)
        if first is not None:
            entering.append(first)
        if second is not None:
            names.append(second.name)
    run(entering, schema)
    return names


def run(handlers: list[Handler], data: object) -> None:
    for enter in tuple(h.on_enter for h in handlers if implements(h, "on_enter")):
        enter(data)


def implements(handler: Handler, method: str) -> bool:
    found = getattr(handler, method, None)
    if found is None:
        return False
    return True
