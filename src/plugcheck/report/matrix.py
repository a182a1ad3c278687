"""The plugins x API versions compatibility table (``--api-version a,b,c``) for text and JSON."""

from __future__ import annotations

from typing import Any

from plugcheck.model import Matrix
from plugcheck.untrusted import printable

_MARK = {"ok": "ok", "warning": "warn", "error": "FAIL", "unknown": "?"}


def text_lines(matrix: Matrix | None) -> list[str]:
    """A fixed-width table: one row per plugin, one column per API version, then a legend."""
    if matrix is None or not matrix.rows:
        return []
    header = ["plugin", "requires", *matrix.versions]
    rows = [
        [printable(row.plugin), printable(row.requirement or "-"), *(_MARK[c] for c in row.cells)]
        for row in matrix.rows
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [
        "API compatibility (plugins x API versions):",
        line(header),
        *(line(r) for r in rows),
        "ok: admitted; warn: admitted, but unbounded or pinned exactly; FAIL: the plugin "
        "excludes it or was written for another API; ?: no requirement to check",
    ]


def document(matrix: Matrix | None) -> dict[str, Any] | None:
    if matrix is None:
        return None
    return {
        "versions": list(matrix.versions),
        "rows": [
            {
                "plugin": row.plugin,
                "contract": row.contract,
                "requirement": row.requirement,
                "cells": dict(zip(matrix.versions, row.cells, strict=True)),
            }
            for row in matrix.rows
        ],
    }
