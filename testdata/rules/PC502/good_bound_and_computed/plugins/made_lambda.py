"""A helper returns the marker applied to a lambda taking the hook's argument."""

from demo_host import hookimpl


def _make(prefix):
    return hookimpl(lambda config: prefix + str(config))


demo_startup = _make("> ")
