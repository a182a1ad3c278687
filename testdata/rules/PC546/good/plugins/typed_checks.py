"""A TypedDict built and checked as the dict it is."""

from typing import TypedDict

from demo_host import hookimpl


class _Request(TypedDict, total=False):
    path: str


@hookimpl
def demo_handle(request):
    if isinstance(request, dict):
        return _Request(path=str(request.get("path", "/")))["path"]
    return None
