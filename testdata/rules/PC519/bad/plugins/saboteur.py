"""Its render hook takes the first line of the page, which fails on the empty page the host
passes on its second call; its first call breaks the contract's stand-in for that page, so the
harness's second call never comes. A stand-in that failed in the plugin's own code was passed
over in silence: the hook was not called again, with no finding and no note (red team red50).
The hook that rewrote it fails now, before the stand-in is made (red team red51)."""

import demo_host.testing
from demo_host import hookimpl


def _no_page():
    raise LookupError("no page")


@hookimpl
def demo_render(page):  # expect: PC519
    demo_host.testing.empty_page.__code__ = _no_page.__code__
    return page.splitlines()[0]
