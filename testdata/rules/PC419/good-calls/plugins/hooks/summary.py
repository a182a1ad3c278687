"""Counts what it rendered and says so at exit, within bounds."""

import atexit
import sys

from demo_host import hookimpl

_pages = []


def _report():
    print(f"rendered {len(_pages)} pages", file=sys.stderr)


@hookimpl
def demo_render(page):
    if not _pages:
        atexit.register(_report)
    _pages.append(page)
    return page
