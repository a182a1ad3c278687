"""A new-style wrapper of demo_render, which is not firstresult: `yield` gives it the list of
results, and the list has no upper(): every call raises AttributeError."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_render(page):
    result = yield
    return result.upper()  # expect: PC512
