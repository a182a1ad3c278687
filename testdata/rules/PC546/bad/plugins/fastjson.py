"""An optional accelerator whose failed import leaves its name unbound."""

from demo_host import hookimpl

try:
    import ujson_not_installed_xyz
except ImportError:
    pass


@hookimpl
def demo_handle(request):
    return ujson_not_installed_xyz.dumps(request)  # expect: PC546
