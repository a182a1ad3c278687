"""The host's script beside its package: prints how many footer lines each plugin gives, then
each line."""

from __future__ import annotations

from typing import Any

from reporthost import testing


def print_footers(manager: Any) -> None:
    for footer in manager.hook.reporthost_footer(config=testing.config()):
        print(f"{len(footer)} footer lines")
        for line in footer:
            print(line)
