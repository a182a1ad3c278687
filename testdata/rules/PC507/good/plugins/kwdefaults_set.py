"""A keyword-only parameter that gets its default after the def: the call needs nothing more."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config, *, verbose):
    return config if verbose else None


demo_startup.__kwdefaults__ = {"verbose": False}
