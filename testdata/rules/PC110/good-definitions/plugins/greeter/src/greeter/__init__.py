"""A plugin that keeps its import cheap."""

from __future__ import annotations

import contextlib
import functools
import logging
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from plugapi import Plugin

if TYPE_CHECKING:
    from collections.abc import Mapping

if sys.version_info < (3, 11):
    raise ImportError("greeter needs Python 3.11 or newer")

log = logging.getLogger(__name__)
T = TypeVar("T")
DEFAULTS = {"greeting": "hello"}

try:
    DEFAULT_GREETING = DEFAULTS["greeting"]
except KeyError:
    DEFAULT_GREETING = "hello"

with contextlib.suppress(ImportError):  # only guards optional imports
    try:
        import tomllib

        tomllib.__name__
    except ImportError:
        import tomli as tomllib

try:  # readies the import that follows, as `gi.require_version` does
    import importlib

    importlib.invalidate_caches()
    from importlib import metadata
except ImportError:
    metadata = None

__all__ = ["Greeter"]
__all__.extend(["new"])
...


@dataclass
class Greeter:
    greeting: str = DEFAULT_GREETING
    seen: list[str] = field(default_factory=list)

    def run(self) -> str:
        log.debug("greeting")
        return self.greeting


@functools.cache
def settings(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    return {**DEFAULTS, **(overrides or {})}


def first(items: list[T]) -> T:
    return items[0]


def new() -> Plugin:
    return Greeter(settings()["greeting"])


if __name__ == "__main__":
    print(new().run())
