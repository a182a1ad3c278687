"""A hook method reads a module global spelled with two underscores: inside the class Python
reads _Handlers__PREFIX, which nothing binds."""

from demo_host import hookimpl

__PREFIX = "> "


class _Handlers:
    @hookimpl
    def demo_handle(self, request, context):
        return __PREFIX + request  # expect: PC546


demo_handle = _Handlers().demo_handle
