"""The submodule named like the hook is imported first; the def then rebinds the name to the
function, which pluggy refuses."""

from .demo_render import helper  # noqa: F401
from demo_host import hookimpl


@hookimpl
def demo_render(page, bogus):  # expect: PC502
    return helper() + str(page)
