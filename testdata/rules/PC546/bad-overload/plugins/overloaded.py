"""Each overload marked: the name ends bound to typing.overload's stand-in, which pluggy
registers and which raises NotImplementedError on every call."""

from typing import overload

from demo_host import hookimpl


@hookimpl
@overload
def demo_handle(request: str, context: dict) -> str: ...
@hookimpl
@overload
def demo_handle(request: bytes, context: dict) -> bytes: ...  # expect: PC546
