"""A wrapper that never yields."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_handle(request):  # expect: PC503
    return None


@hookimpl(hookwrapper=True)
async def demo_startup(config):  # expect: PC503
    yield
