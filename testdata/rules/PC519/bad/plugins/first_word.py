"""Works on the first page; the host's empty page has no first word."""

from demo_host import hookimpl


@hookimpl
def demo_render(page):
    return page.split()[0].title()  # expect: PC519
