"""A wrapper around a hook whose result the host does not use: a bare `yield` is enough."""

from demo_host import hookimpl

STARTED: list[object] = []


@hookimpl(wrapper=True)
def demo_setup(item):
    STARTED.append(item)
    yield
