"""The demo host's plugin API: a marker typed for mypy through typing.cast, its project name
built from a constant (as sqlfluff's)."""

from typing import Any, Callable, TypeVar, cast

import pluggy

F = TypeVar("F", bound=Callable[..., Any])

project_name = "demo"
hookspec = pluggy.HookspecMarker(project_name)
hookimpl = cast(Callable[[F], F], pluggy.HookimplMarker(f"{project_name}"))
