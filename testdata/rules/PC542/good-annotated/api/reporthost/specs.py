"""The host joins the header lines and opens the path it resolves."""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("reporthost")


@hookspec(firstresult=True)
def reporthost_output_path(target: str) -> str | None:
    """The file the report for ``target`` goes to, or None to leave it to others."""


@hookspec
def reporthost_header(config: dict[str, object]) -> list[str]:
    """Lines printed at the top of the report."""
