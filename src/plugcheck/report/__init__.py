"""Renderers over the same :class:`~plugcheck.engine.Report`; one small module per format."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from plugcheck.engine import Report


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies under it, else absolute."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return os.fspath(path)


Renderer = Callable[[Report], str]


def renderers() -> dict[str, Renderer]:
    from plugcheck.report import github, json_, sarif, text

    return {
        "text": text.render,
        "json": json_.render,
        "sarif": sarif.render,
        "github": github.render,
    }
