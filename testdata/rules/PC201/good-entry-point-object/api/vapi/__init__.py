"""pydantic's plugins (as in PC201/bad-entry-point-object): the host calls each entry point's
instance's new_validator(schema, name), and unpacks the two handlers it returns."""

from __future__ import annotations

from typing import Any, Protocol

from vapi.handlers import Handler


class ValidatorPlugin(Protocol):
    def new_validator(self, schema: dict[str, Any], name: str) -> tuple[Handler | None, Handler | None]: ...
