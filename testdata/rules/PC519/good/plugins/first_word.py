"""Works on every page the host passes, the empty one too."""

from demo_host import hookimpl


@hookimpl
def demo_render(page):
    words = page.split()
    return words[0].title() if words else page
