"""The marker forgotten on one of two hooks: pluggy registers demo_configure only."""

from demo_host import hookimpl


def demo_startup(config):  # expect: PC573
    return None


@hookimpl
def demo_configure(config):
    return None
