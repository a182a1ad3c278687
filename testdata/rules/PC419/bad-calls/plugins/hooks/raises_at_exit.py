"""Its exit handler raises: the host prints a traceback at every exit."""

import atexit

from demo_host import hookimpl

_pages = []


def _report():
    raise RuntimeError(f"rendered {len(_pages)} pages")  # expect: PC419


@hookimpl
def demo_render(page):
    if not _pages:
        atexit.register(_report)
    _pages.append(page)
    return page
