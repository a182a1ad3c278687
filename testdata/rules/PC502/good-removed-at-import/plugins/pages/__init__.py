"""A package whose submodule shares the hookimpl's name: importing it (after the def) sets the
package's attribute to the submodule, so pluggy never sees the function."""

from demo_host import hookimpl


@hookimpl
def demo_render(page, bogus):
    return str(page)


from .demo_render import helper  # noqa: E402,F401
