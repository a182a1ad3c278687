"""A hook exported as a bound method of an instance of a generic class, made through its
subscripted alias: `_Plugin[int]()` is a `_Plugin`, and pluggy passes what its method asks."""

from typing import Generic, TypeVar

from demo_host import hookimpl

T = TypeVar("T")


class _Plugin(Generic[T]):
    @hookimpl
    def demo_startup(self, config):
        return None


_plugin = _Plugin[int]()
demo_startup = _plugin.demo_startup
