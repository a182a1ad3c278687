"""The JSON report; its shape is versioned by ``SCHEMA_VERSION`` (see README)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from plugcheck._version import __version__
from plugcheck.model import Autofix, Finding, Location, Plugin, Severity
from plugcheck.registry import RULES
from plugcheck.report import matrix
from plugcheck.report.paths import display_path
from plugcheck.run_report import Report
from plugcheck.untrusted import printable

SCHEMA_VERSION = 1


def _location(loc: Location) -> dict[str, Any]:
    return {
        "path": display_path(loc.path),
        "line": loc.line,
        "column": loc.col,
        "end_line": loc.end_line,
        "end_column": loc.end_col,
    }


def _autofix(fix: Autofix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "message": fix.message,
        "applicability": fix.applicability.value,
        "edits": [
            {
                "path": display_path(e.path),
                "line": e.line,
                "column": e.col,
                "end_line": e.end_line,
                "end_column": e.end_col,
                "content": e.content,
            }
            for e in fix.edits
        ],
    }


def finding(f: Finding) -> dict[str, Any]:
    rule = RULES[f.code]
    return {
        "code": f.code,
        "rule": rule.name,
        "severity": f.severity.value,
        "phase": rule.phase.value,
        "message": f.message,
        **_location(f.location),
        "plugin": f.plugin,
        "contract": f.contract,
        "fix": f.fix,
        "autofix": _autofix(f.autofix),
        "related": [{**_location(r.location), "message": r.message} for r in f.related],
    }


def _steps(report: Report, plugin: Plugin) -> list[dict[str, str]] | None:
    steps = report.steps.get(plugin.key)
    return None if steps is None else [{"step": s, "outcome": o} for s, o in steps]


def document(report: Report) -> dict[str, Any]:
    counts = Counter(f.severity for f in report.findings)
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "plugcheck", "version": __version__},
        "config": display_path(report.config.source),
        "shard": list(report.shard) if report.shard else None,
        "summary": {
            "plugins": len(report.plugins),
            "findings": len(report.findings),
            **{s.value: counts[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
            "failed": report.failed(),
            # What a passing text summary names: --no-dynamic, a contract with no plugins.
            "partial": report.left_out,
        },
        "plugins": [
            {
                "name": printable(p.name),
                "contract": p.contract,
                "origin": p.origin.value,
                "module": printable(p.module),
                "path": display_path(p.module_path or p.root),
                "distribution": printable(p.project.name) if p.project else None,
                "version": p.project.version and printable(p.project.version)
                if p.project
                else None,
                "harness": _steps(report, p),
            }
            for p in report.plugins
        ],
        "findings": [finding(f) for f in report.findings],
        "suppressed": [finding(f) for f in report.suppressed],
        "errors": [*report.errors, *report.crashes],
        "notes": list(report.notes),
        "confinement": report.confinement,
        "matrix": matrix.document(report.matrix),
    }


def render(report: Report) -> str:
    return json.dumps(document(report), indent=2) + "\n"
