"""The host joins the header lines and opens the path it resolves."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:  # the annotation's class, imported for type checkers only
    from reporthost.formatting import Formatter

hookspec = pluggy.HookspecMarker("reporthost")


@hookspec(firstresult=True)
def reporthost_output_path(target: str) -> str | None:
    """The file the report for ``target`` goes to, or None to leave it to others."""


@hookspec
def reporthost_header(config: dict[str, object]) -> list[str]:
    """Lines printed at the top of the report."""


@hookspec
def reporthost_sections(config: dict[str, object]) -> list[str]:
    """Section names, each printed as a line of the table of contents."""


@hookspec
def reporthost_footer(config: dict[str, object]) -> list[str]:
    """Lines printed at the end of the report, after their count."""


@hookspec(firstresult=True)
def reporthost_formatter(config: dict[str, object]) -> Formatter | None:
    """The formatter the report is written with, or None to leave it to others."""
