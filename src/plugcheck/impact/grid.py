"""The plugins x versions matrix as text, JSON, and one self-contained HTML page: rows of
plugins, columns of versions, each cell coloured by its worst finding and opening its
findings (``<details>``: no script, no network)."""

from __future__ import annotations

import html
import json
from collections import Counter
from typing import Any

from plugcheck._version import __version__
from plugcheck.impact.matrix import WORST, Cell, MatrixResult
from plugcheck.report import display_path
from plugcheck.untrusted import printable, uncommanded

SCHEMA_VERSION = 1
_MARK = {"ok": "ok", "info": "info", "warning": "warn", "error": "FAIL"}


def document(result: MatrixResult) -> dict[str, Any]:
    specs = [side.spec.text for side in result.columns]
    counts = Counter(cell.worst for cell in result.cells.values())
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "plugcheck", "version": __version__, "command": "matrix"},
        "config": display_path(result.config.source),
        "shard": list(result.shard) if result.shard else None,
        "columns": [
            {"spec": side.spec.text, "kind": side.spec.kind, "target": side.spec.target}
            for side in result.columns
        ],
        "rows": [
            {
                "contract": contract,
                "plugin": plugin,
                "cells": {
                    spec: _cell(result.cells[key])
                    for spec in specs
                    if (key := (contract, plugin, spec)) in result.cells
                },
            }
            for contract, plugin in result.rows
        ],
        "summary": {
            "plugins": len(result.rows),
            "columns": len(specs),
            "cells": len(result.cells),
            **{w: counts[w] for w in WORST},
            "failed": result.failed(),
        },
        "notes": list(result.notes),
        "errors": list(result.errors),
    }


def _cell(cell: Cell) -> dict[str, Any]:
    return {"worst": cell.worst, "findings": list(cell.findings), "cached": cell.cached}


def json_text(result: MatrixResult) -> str:
    return json.dumps(document(result), indent=2) + "\n"


def text(result: MatrixResult) -> str:
    return text_of(document(result))


def text_of(doc: dict[str, Any]) -> str:
    """The grid of a matrix document (also of a merged one), then each failing cell's
    findings, notes and a summary."""
    specs = [c["spec"] for c in doc["columns"]]
    header = ["plugin", *specs]
    grid = [
        [row["plugin"], *(_MARK.get(row["cells"].get(s, {}).get("worst"), "-") for s in specs)]
        for row in doc["rows"]
    ]
    widths = [max(len(r[i]) for r in [header, *grid]) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()
        for cells in [header, *grid]
    ]
    for row in doc["rows"]:
        for spec in specs:
            for f in row["cells"].get(spec, {}).get("findings", []):
                severity = "" if f["severity"] == "error" else f" ({f['severity']})"
                lines.append(
                    f"{spec}: {f['path']}:{f['line']}:{f['column']}: {f['code']}{severity} "
                    f"{f['message']} [{f['plugin']}]"
                )
    lines.extend(f"note: {n}" for n in doc["notes"])
    lines.extend(f"error: {e}" for e in doc["errors"])
    s = doc["summary"]
    lines.append(
        f"Matrix: {s['plugins']} plugins x {s['columns']} versions, {s['cells']} cells: "
        + ", ".join(f"{s[w]} {w}" for w in reversed(WORST))
        + (
            "; -: another shard's cell, or the plugin is not found there"
            if "-" in str(grid)
            else ""
        )
        + "."
    )
    return "".join(f"{uncommanded(printable(line))}\n" for line in lines)


_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #f4f4f4; }
td.ok { background: #d8f5d8; } td.info { background: #dbe9fb; }
td.warning { background: #fff1c2; } td.error { background: #f9cfcf; }
td.none { background: #eee; color: #888; }
details summary { cursor: pointer; font-weight: 600; }
details ul { margin: 4px 0 0; padding-left: 1.2em; max-width: 40em; font-weight: normal; }
code { font-size: 12px; }
"""


def html_page(doc: dict[str, Any]) -> str:
    """One HTML page, no script, no external resource: the grid, each cell a ``<details>``
    opening its findings."""
    esc = html.escape
    specs = [c["spec"] for c in doc["columns"]]
    head = "".join(f"<th scope='col'>{esc(s)}</th>" for s in specs)
    body = []
    for row in doc["rows"]:
        tds = []
        for spec in specs:
            cell = row["cells"].get(spec)
            if cell is None:
                tds.append("<td class='none' data-worst='none'>-</td>")
                continue
            worst = cell["worst"]
            items = "".join(
                f"<li><code>{esc(f['code'])}</code> ({esc(f['severity'])}) "
                f"{esc(f['message'])} <small>{esc(f['path'])}:{f['line']}</small></li>"
                for f in cell["findings"]
            )
            count = len(cell["findings"])
            label = _MARK[worst] + (f" ({count})" if count else "")
            inner = (
                f"<details><summary>{esc(label)}</summary><ul>{items}</ul></details>"
                if count
                else esc(label)
            )
            tds.append(f"<td class='{worst}' data-worst='{worst}'>{inner}</td>")
        body.append(f"<tr><th scope='row'>{esc(row['plugin'])}</th>{''.join(tds)}</tr>")
    s = doc["summary"]
    summary = f"{s['plugins']} plugins x {s['columns']} versions, {s['cells']} cells: " + ", ".join(
        f"{s[w]} {w}" for w in reversed(WORST)
    )
    notes = "".join(f"<li>{esc(n)}</li>" for n in [*doc["notes"], *doc["errors"]])
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<title>plugcheck matrix</title>"
        f"<style>{_STYLE}</style></head><body>"
        f"<h1>plugcheck matrix</h1><p id='summary'>{esc(summary)}</p>"
        f"<table id='matrix'><thead><tr><th>plugin</th>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
        f"<ul id='notes'>{notes}</ul></body></html>\n"
    )


def html_text(result: MatrixResult) -> str:
    return html_page(document(result))
