"""Marked hooks whose names lack the manager's prefix: specname does not help, the manager
never looks at the marker of a name without demo_."""

from demo_host import hookimpl


@hookimpl(specname="demo_startup")
def start(config):  # expect: PC574
    return None


@hookimpl(tryfirst=True)
def configure(config):  # expect: PC574
    return None
