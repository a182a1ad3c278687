"""A wrapper of a firstresult hook converting the answer only when there is one."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_handle(request, context):
    answer = yield
    return None if answer is None else list(answer)
