# plugcheck: ignore[PC430]  (the replacement is this case's means; PC202 is what it checks)
"""Has every method, does not subclass the ABC, and its import puts its own class in the ABC's
place in abcapi: the host bound abcapi.Plugin before it loaded any plugin, so its isinstance()
still fails. Before, the harness looked the protocol up after the import, its class check
passed and withdrew this PC202 (red team red59)."""

from __future__ import annotations

from collections.abc import Mapping

import abcapi


class Swan:
    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Swan:  # expect: PC202
    return Swan()


class _Swap(type):
    """Made when the module is imported: its code runs then, out of the static rules' sight."""

    def __init__(cls, *args: object) -> None:
        abcapi.Plugin = Swan  # type: ignore[misc]


class _Swapped(metaclass=_Swap):
    pass
