"""Marked, then @overload over it: the name holds overload's unmarked stand-in, which a plain
manager does not register (no hookimpl here at all, and nothing fails)."""

from typing import overload

from demo_host import hookimpl


@overload
@hookimpl
def demo_handle(request: str, context: dict) -> str: ...
@overload
@hookimpl
def demo_handle(request: bytes, context: dict) -> bytes: ...
