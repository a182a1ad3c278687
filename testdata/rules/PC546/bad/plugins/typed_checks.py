"""Hooks that ask isinstance of a TypedDict and of typing.Self: TypeError on every call."""

from typing import Self, TypedDict

from demo_host import hookimpl


class _Request(TypedDict, total=False):
    path: str


@hookimpl
def demo_handle(request):
    if isinstance(request, _Request):  # expect: PC546
        return request["path"]
    return None


class _Starter:
    @hookimpl
    def demo_startup(self, config):
        assert not isinstance(config, Self)  # expect: PC546


_starter = _Starter()
demo_startup = _starter.demo_startup
