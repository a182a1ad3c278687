"""Overloads for the type checker, then the marked implementation: pluggy calls the last."""

import typing

from demo_host import hookimpl


@typing.overload
def demo_handle(request: str, context: dict) -> str: ...
@typing.overload
def demo_handle(request: bytes, context: dict) -> bytes: ...
@hookimpl
def demo_handle(request, context):
    return request
