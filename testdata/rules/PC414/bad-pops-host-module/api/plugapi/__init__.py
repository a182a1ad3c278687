"""A tiny plugin API: the lifecycle protocol, the factory type, the configuration error."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable


class ConfigError(ValueError):
    """Raised by init() when the configuration is unusable."""


@runtime_checkable
class Plugin(Protocol):
    def init(self, config: Mapping[str, str]) -> None: ...

    def run(self) -> None: ...

    def shutdown(self, timeout: float) -> None: ...


Factory = Callable[[], Plugin]


# As pkg_resources does for setuptools' vendored packages: a library's own folder on sys.path,
# and a module imported from there before the library itself is.
import os as _os
import sys as _sys

_sys.path.append(_os.path.join(_os.path.dirname(__file__), "..", "..", "site", "biglib", "_vendor"))
import vend as _vend  # noqa: E402,F401
