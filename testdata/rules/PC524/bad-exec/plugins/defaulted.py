"""globals().setdefault binds the name only where nothing bound it yet."""

from demo_host import hookimpl


def _startup(config):
    return None


globals().setdefault("demo_startup", hookimpl(_startup))  # plugcheck: ignore[PC110]  # expect: PC524
