"""A module value a standard-library call computes from a hook is that call's result (a dict,
a Signature), not the hook: pluggy finds no hookimpl under those names."""

import inspect
import typing
from typing import get_type_hints as hints_of

from demo_host import hookimpl


@hookimpl
def demo_startup(config: dict) -> None:
    return None


HINTS = typing.get_type_hints(demo_startup)
SIGNATURE = inspect.signature(demo_startup)
SHORT = hints_of(demo_startup)
