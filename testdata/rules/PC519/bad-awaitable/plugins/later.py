"""Returns an awaitable object (not a coroutine) whose await fails: the host awaits it."""

from demo_host import hookimpl


class _Rendered:
    def __init__(self, page):
        self.page = page

    def __await__(self):
        yield
        return f"{self.page.path}"  # expect: PC519


@hookimpl
def demo_render(page):
    return _Rendered(page)
