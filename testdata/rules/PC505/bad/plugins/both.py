"""Sets both wrapper styles at once."""

from demo_host import hookimpl


@hookimpl(wrapper=True, hookwrapper=True)
def demo_handle(request):  # expect: PC505
    return (yield)
