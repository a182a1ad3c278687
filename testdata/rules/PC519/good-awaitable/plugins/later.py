"""Returns an awaitable object (not a coroutine) whose await gives the page."""

from demo_host import hookimpl


class _Rendered:
    def __init__(self, page):
        self.page = page

    def __await__(self):
        yield
        return f"{self.page}"


@hookimpl
def demo_render(page):
    return _Rendered(page)
