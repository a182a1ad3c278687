"""The hookimpl, a method of a plugin object, looks its private helper up by a string:
getattr(self, "__fmt") asks for "__fmt" itself, but the class body stores it as _Impl__fmt."""

from demo_host import hookimpl


class _Impl:
    def __fmt(self, request):
        return "> " + str(request)

    @hookimpl
    def demo_handle(self, request):
        return getattr(self, "__fmt")(request)  # expect: PC546


demo_handle = _Impl().demo_handle
