"""The marker's options splatted from a module constant name a hook the host does not have."""

from demo_host import hookimpl

OPTIONS = {"specname": "demo_shutdown"}


@hookimpl(**OPTIONS)
def on_shutdown(config):  # expect: PC501
    return None
