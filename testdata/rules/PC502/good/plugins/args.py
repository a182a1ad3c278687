"""Subsets of the hookspec's arguments, and extra arguments with defaults, are fine."""

from demo_host import hookimpl


@hookimpl
def demo_handle(request):
    return None


@hookimpl
def demo_startup(config, verbose=False):
    return None


class Handlers:
    @hookimpl(specname="demo_handle")
    def handle(self, request, context):
        return None
