"""process() is under a decorator of the plugin's own that gives the function back."""

from typing import Any, Callable, TypeVar

from hostbase import Base

F = TypeVar("F", bound=Callable[..., Any])


def logged(fn: F) -> F:
    fn.logged = True  # type: ignore[attr-defined]
    return fn


class Plugin(Base):
    @logged
    def process(self, items: list[str]) -> list[str]:
        return list(items)

    @property
    def names(self) -> list[str]:
        return ["x"]
