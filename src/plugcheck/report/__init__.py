"""Renderers over the same :class:`~plugcheck.run_report.Report`; one small module per format."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from plugcheck.run_report import Report
from plugcheck.untrusted import printable


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies under it, else absolute;
    printable (a plugin names its own files)."""
    try:
        return printable(str(path.resolve().relative_to(Path.cwd().resolve())))
    except ValueError:
        return printable(os.fspath(path))


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
