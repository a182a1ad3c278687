"""Defines its hookimpl with exec of code built at run time: source cannot tell what it defines."""

from demo_host import hookimpl

_PARAMS = ", ".join(["config"])
exec(f"def demo_startup({_PARAMS}):\n    return None\n")  # plugcheck: ignore[PC110]  # expect: PC524
demo_startup = hookimpl(demo_startup)  # noqa: F821
