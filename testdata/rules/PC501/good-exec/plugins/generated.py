"""Defines its hookimpl with exec (a literal, read like a def at the exec line): a known hook."""

from demo_host import hookimpl

exec("def demo_startup(config):\n    return None\n")  # plugcheck: ignore[PC110]
demo_startup = hookimpl(demo_startup)  # noqa: F821
