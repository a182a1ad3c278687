"""Opens a template through os.path, spelled from __file__; the template is not there (the
import stops at the first failing read)."""

import os

from demo_host import hookimpl

HERE = os.path.dirname(__file__)
with open(os.path.join(os.path.dirname(__file__), "page.html")) as _f:  # expect: PC544
    PAGE = _f.read()
BANNER = open(os.path.join(os.path.dirname(__file__), "banner.txt")).read()


@hookimpl
def demo_handle(request, context):
    return BANNER
