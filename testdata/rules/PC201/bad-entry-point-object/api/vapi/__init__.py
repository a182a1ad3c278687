"""pydantic's plugins: each entry point names an instance, and the host calls its
new_validator(schema, name) for every schema, then unpacks the pair of handlers it returns
(vapi/validating.py)."""

from __future__ import annotations

from typing import Any, Protocol


class Handler(Protocol):
    name: str

    def on_enter(self, data: object) -> None: ...


class ValidatorPlugin(Protocol):
    def new_validator(
        self, schema: dict[str, Any], name: str
    ) -> tuple[Handler | None, Handler | None]: ...


class MakeHandler(Protocol):
    """A callable the host calls for a handler: its result is what the host asked for."""

    def __call__(self, name: str) -> Handler: ...
