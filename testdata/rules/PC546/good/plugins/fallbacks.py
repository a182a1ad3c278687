"""An optional import with a fallback, an installed one, and a raise under a condition."""

from demo_host import hookimpl

try:
    import ujson_not_installed_xyz as fastjson
except ImportError:
    fastjson = None

try:
    import json
except ImportError:
    pass


@hookimpl
def demo_handle(request):
    if fastjson is None:
        return json.dumps(request)
    return fastjson.dumps(request)


@hookimpl
def demo_startup(config):
    if config is not None and "token" not in config:
        raise ValueError("no token")
    return None
