"""A wrapper of a firstresult hook converting the answer: nobody answered, so it is None."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_handle(request, context):
    answer = yield
    return list(answer)  # expect: PC549
