"""globals().setdefault under a key built at run time: which name it binds, source does not
read (a literal key is read: it binds the name where nothing bound it yet)."""

from demo_host import hookimpl

_PREFIX = "demo_"


def _startup(config):
    return None


globals().setdefault(_PREFIX + "startup", hookimpl(_startup))  # plugcheck: ignore[PC110]  # expect: PC524
