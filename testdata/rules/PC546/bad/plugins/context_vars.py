"""A ContextVar without a default that only a copied context sets: pluggy registers the hooks,
and every call of demo_handle raises LookupError."""

import contextvars

from demo_host import hookimpl

_PREFIX = contextvars.ContextVar("prefix")


@hookimpl
def demo_startup(config):
    contextvars.copy_context().run(_PREFIX.set, "> ")


@hookimpl
def demo_handle(request):
    return _PREFIX.get() + str(request)  # expect: PC546
