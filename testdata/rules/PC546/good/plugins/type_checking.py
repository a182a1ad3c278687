"""A hook that reads a name imported only under `if TYPE_CHECKING:`, itself only under
`if TYPE_CHECKING:` in its body: that branch never runs, so no call reads it."""

from typing import TYPE_CHECKING

from demo_host import hookimpl

if TYPE_CHECKING:
    from collections import OrderedDict


@hookimpl
def demo_handle(request):
    if TYPE_CHECKING:
        _seen = OrderedDict()
    return None
