"""Renderers over the same :class:`~plugcheck.run_report.Report`; one small module per format."""

from __future__ import annotations

from collections.abc import Callable

from plugcheck.report.paths import display_path, linked
from plugcheck.run_report import Report

__all__ = ["FORMATS", "Renderer", "display_path", "linked", "renderers"]


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
