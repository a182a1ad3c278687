"""@hookimpl over @logged, which returns None: demo_startup holds pluggy's own unmarked
decorator function, which a plain manager (no prefix) does not take for a hookimpl."""

from demo_host import hookimpl

SEEN = []


def logged(fn):
    SEEN.append(fn)


@hookimpl
@logged
def demo_startup(config):
    return None
