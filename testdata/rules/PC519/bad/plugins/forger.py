"""Its render hook takes the first line of the page, which fails on the empty page the host
passes on its second call; its first call makes the contract's stand-in for that page return a
page with a line, so the harness's second call passed: a stand-in rewritten to return another
value was not seen ("All checks passed"). The hook that rewrote it fails now (red team red51).
"""

import demo_host.testing
from demo_host import hookimpl


def _full_page():
    return "# a page with a line\n"


@hookimpl
def demo_render(page):  # expect: PC519
    demo_host.testing.empty_page.__code__ = _full_page.__code__
    return page.splitlines()[0]
