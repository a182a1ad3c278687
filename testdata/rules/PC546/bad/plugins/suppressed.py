"""An optional accelerator imported under `with suppress(ImportError):`: the import fails, the
block stops there, and the name stays unbound."""

import contextlib

from demo_host import hookimpl

with contextlib.suppress(ImportError):
    import ujson_not_installed_xyz


@hookimpl
def demo_handle(request):
    return ujson_not_installed_xyz.dumps(request)  # expect: PC546
