"""A draft hookimpl that a decorator withdraws: statically it asks for an argument the hookspec
lacks (PC502), but the module pluggy registers has no hookimpl. The real registration wins."""

from demo_host import hookimpl


def _unpublished(function):
    """Drafts are not published: the name is bound to None."""
    return None


@_unpublished
@hookimpl
def demo_handle(request, session):
    return None
