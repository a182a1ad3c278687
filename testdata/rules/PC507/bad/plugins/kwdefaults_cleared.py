"""The keyword-only default taken away after the def: every call of demo_startup raises."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config, *, verbose=False):  # expect: PC507
    return None


demo_startup.__kwdefaults__ = None
