"""The TYPE_CHECKING name is read only in a lambda's body, a function body and an annotation
string: nothing evaluates it at import."""

from __future__ import annotations

from typing import TYPE_CHECKING

from demo_host import hookimpl

if TYPE_CHECKING:
    import json

_LATER = lambda value: json.dumps(value)  # noqa: E731
_DECODER: json.JSONDecoder | None = None


@hookimpl
def demo_handle(request, context):
    return str(request)
