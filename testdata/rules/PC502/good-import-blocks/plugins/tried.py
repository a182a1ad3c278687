"""`try: import x; <defs> / except ImportError: <defs>`: with x installed only the body's
definitions run, without it only the handler's (and what precedes the failing import)."""

from demo_host import hookimpl

try:
    import json

    @hookimpl
    def demo_handle(request):
        return json.dumps(request)

except ImportError:

    @hookimpl
    def demo_handle(request, session):
        return None


try:
    import demo_fast_json_not_installed

    @hookimpl
    def demo_startup(config, verbose):
        return demo_fast_json_not_installed.load(config)

except ImportError:

    @hookimpl
    def demo_startup(config):
        return None
