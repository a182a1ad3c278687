"""An instance with __call__ under the marker: callable, but no routine."""

from demo_host import hookimpl


class _Startup:
    def __call__(self, config):
        return config


demo_startup = hookimpl(_Startup())  # expect: PC575


class _Counted:
    def __init__(self, fn):
        self.fn = fn

    def __call__(self, *args):
        return self.fn(*args)


@hookimpl
@_Counted
def demo_handle(request, context):  # expect: PC575
    return None
