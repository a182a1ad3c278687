"""Private names a hook method binds itself are mangled alike where bound and where read."""

from demo_host import hookimpl

_PREFIX = "> "


class _Handlers:
    @hookimpl
    def demo_handle(self, request, context):
        __shown = _PREFIX + str(request)
        return __shown


demo_handle = _Handlers().demo_handle
