"""Calls the hookimpl marker with firstresult, a hookspec option the marker does not take:
HookimplMarker.__call__ raises TypeError at import."""

from demo_host import hookimpl


@hookimpl(first_result=True)  # expect: PC515
def demo_handle(request):
    return None
