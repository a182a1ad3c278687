"""Every missing module is guarded, dead on the target, or imported only when called."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from plugapi import Plugin

try:
    import ticker_fastjson as fastjson
except ImportError:
    import json as fastjson  # type: ignore[no-redef]

with contextlib.suppress(ModuleNotFoundError):
    import ticker_speedups  # noqa: F401


class _Trap:
    """Like jaraco.context.ExceptionTrap (keyring): swallows what its body raises."""

    def __enter__(self) -> _Trap:
        return self

    def __exit__(self, *exc: object) -> bool:
        return True


with _Trap():
    import ticker_trapped_optional  # noqa: F401

if sys.version_info >= (3, 11):
    import tomllib
else:
    import ticker_tomli_backport as tomllib

if sys.platform == "win32":
    import ticker_winreg_helpers  # noqa: F401

if TYPE_CHECKING:
    import ticker_stubs_only  # noqa: F401

if __name__ == "__main__":
    import ticker_cli  # noqa: F401

class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()


def export_metrics() -> None:
    import ticker_metrics_sdk  # noqa: F401  # only when called; the host never calls it


DUMPS = (fastjson, tomllib)
