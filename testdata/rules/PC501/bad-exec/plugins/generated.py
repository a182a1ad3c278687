"""Defines its hookimpl with exec: the code is a literal, read like a def at the exec line."""

from demo_host import hookimpl

exec("def demo_statrup(config):\n    return None\n")  # plugcheck: ignore[PC110]  # expect: PC501
demo_statrup = hookimpl(demo_statrup)  # noqa: F821
