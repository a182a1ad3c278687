"""demo_handle takes request, which the contract has no stand-in for: never called."""

from demo_host import hookimpl


@hookimpl
def demo_handle(request, context):  # expect: PC555
    return request.path


@hookimpl
def demo_startup(config):
    return None
