"""The hookimpl, a method of a plugin object, calls its private helper as self.__fmt, which
Python mangles to the name the class body stores it under."""

from demo_host import hookimpl


class _Impl:
    def __fmt(self, request):
        return "> " + str(request)

    @hookimpl
    def demo_handle(self, request):
        return self.__fmt(request) + getattr(self, "_Impl__fmt")(request)


demo_handle = _Impl().demo_handle
