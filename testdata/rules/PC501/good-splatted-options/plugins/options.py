"""The marker's options splatted from module constants: pluggy reads the specname in them."""

from demo_host import hookimpl

STARTUP = {"specname": "demo_startup"}


@hookimpl(**STARTUP)
def on_startup(config):
    return None


@hookimpl(**dict(specname="demo_startup"))
def also_on_startup(config):
    return None
