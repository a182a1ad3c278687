"""A new-style wrapper of demo_render treats the results as the list they are; one of
demo_handle (firstresult) treats its one result as a value."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_render(page):
    result = yield
    return [str(r).upper() for r in result]


@hookimpl(wrapper=True)
def demo_handle(request):
    result = yield
    return result.upper() if isinstance(result, str) else result
