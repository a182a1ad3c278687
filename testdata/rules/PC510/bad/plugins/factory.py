"""Names its hook at run time: only registering it shows the mismatch."""

from demo_host import hookimpl

HOOKS = {"handle": "demo_handle"}


@hookimpl(specname=HOOKS["handle"])
def handle(request, session):  # expect: PC510
    return None
