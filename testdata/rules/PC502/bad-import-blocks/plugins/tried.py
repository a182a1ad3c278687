"""The import in the `try` body succeeds: its definitions are the ones pluggy sees."""

from demo_host import hookimpl

try:
    import json

    @hookimpl
    def demo_handle(request, session):  # expect: PC502
        return json.dumps(request)

except ImportError:

    @hookimpl
    def demo_handle(request):
        return None
