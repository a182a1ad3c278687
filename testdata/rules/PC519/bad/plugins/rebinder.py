"""Its render hook takes the first line of the page, which fails on the empty page the host
passes on its second call; its import puts the contract's stand-in for a page with text in the
place of the one for the empty page. The host made its pages before it loaded any plugin, so its
second call still fails (red team red59: this passed, "All checks passed")."""

import demo_host.testing
from demo_host import hookimpl


@hookimpl
def demo_render(page):
    return page.splitlines()[0]  # expect: PC519


class _Swap(type):
    """Made when the module is imported: its code runs then, out of the static rules' sight."""

    def __init__(cls, *args):
        demo_host.testing.empty_page = demo_host.testing.page


class _Swapped(metaclass=_Swap):
    pass
