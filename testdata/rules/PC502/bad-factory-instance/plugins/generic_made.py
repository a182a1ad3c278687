"""A hook exported as a bound method of an instance of a generic class, made through its
subscripted alias: `_Plugin[int]()` is a `_Plugin`, whose method asks for an argument the
spec does not have."""

from typing import Generic, TypeVar

from demo_host import hookimpl

T = TypeVar("T")


class _Plugin(Generic[T]):
    @hookimpl
    def demo_startup(self, config, verbose):  # expect: PC502
        return None


_plugin = _Plugin[int]()
demo_startup = _plugin.demo_startup
