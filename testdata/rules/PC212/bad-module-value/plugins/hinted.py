"""The hook's annotations are deferred, but get_type_hints() evaluates them at import, and
OrderedDict is imported for the type checker only."""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING

from demo_host import hookimpl

if TYPE_CHECKING:
    from collections import OrderedDict


@hookimpl
def demo_handle(request: str, context: OrderedDict) -> str:
    return request


_HINTS = typing.get_type_hints(demo_handle)  # expect: PC212
