"""@hookimpl over @logged, which records the function and returns None: hookimpl(None) hands
back pluggy's own decorator setattr_hookimpl_opts(func), which the prefix manager takes for
demo_startup's hookimpl, asking for an argument func."""

from demo_host import hookimpl

SEEN = []


def logged(fn):
    SEEN.append(fn)


@hookimpl  # expect: PC502
@logged
def demo_startup(config):
    return None
