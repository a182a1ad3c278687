"""Renderers over the same :class:`~plugcheck.run_report.Report`; one small module per format."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from plugcheck.run_report import Report
from plugcheck.untrusted import printable


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies under it, else absolute;
    printable (a plugin names its own files). A symbolic link is named, not where it leads
    (PC427's link out of the tree)."""
    try:
        return printable(str(linked(path).relative_to(Path.cwd().resolve())))
    except ValueError:
        return printable(os.fspath(path))


def linked(path: Path) -> Path:
    """``path`` absolute, its directories resolved, its last component kept: a finding at a
    symbolic link is at the link."""
    return path.parent.resolve() / path.name


Renderer = Callable[[Report], str]

FORMATS = ("text", "json", "sarif", "github")
"""The ``--output-format`` names; :func:`renderers` loads their modules."""


def renderers() -> dict[str, Renderer]:
    from plugcheck.report import github, json_, sarif, text

    return {
        "text": text.render,
        "json": json_.render,
        "sarif": sarif.render,
        "github": github.render,
    }
