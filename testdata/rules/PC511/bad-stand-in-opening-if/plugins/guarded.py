"""Skips the wrapping when the context is empty, which is every call: the host passes {}."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_handle(request, context):  # expect: PC511
    if not context:
        return None
    result = yield
    return result
