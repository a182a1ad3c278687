"""SARIF 2.1.0 (GitHub code scanning and other viewers): rule metadata comes from rules/ docs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from plugcheck._version import __version__
from plugcheck.model import Autofix, Finding, Location, Severity
from plugcheck.registry import RULES, Rule
from plugcheck.report.paths import linked
from plugcheck.ruledocs import doc_section, rule_doc
from plugcheck.run_report import Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/plugcheck/"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_ROOT = "%SRCROOT%"


def _rule(rule: Rule) -> dict[str, Any]:
    doc = rule_doc(rule.code)
    meta: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"phase": rule.phase.value, "tags": [rule.phase.value]},
    }
    if doc is not None:
        meta["fullDescription"] = {"text": doc_section(doc, "What it checks") or rule.summary}
        fix = doc_section(doc, "How to fix") or rule.summary
        meta["help"] = {"text": fix, "markdown": doc}
    return meta


def _artifact(path: Path, root: Path) -> dict[str, Any]:
    resolved = linked(path)
    try:
        return {"uri": resolved.relative_to(root).as_posix(), "uriBaseId": _ROOT}
    except ValueError:
        return {"uri": resolved.as_uri()}


def _physical(loc: Location, root: Path) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(loc.line, 1), "startColumn": max(loc.col, 1)}
    if loc.end_line is not None and loc.end_line >= loc.line:
        region["endLine"] = loc.end_line
        if loc.end_col is not None and (loc.end_line > loc.line or loc.end_col >= loc.col):
            region["endColumn"] = loc.end_col
    return {"physicalLocation": {"artifactLocation": _artifact(loc.path, root), "region": region}}


def _fix(fix: Autofix, root: Path) -> dict[str, Any]:
    """A SARIF ``fix``: per file, its replacements (``deletedRegion`` ends are exclusive, as
    plugcheck's edits are; an empty region inserts)."""
    changes: dict[Path, list[dict[str, Any]]] = {}
    for e in fix.edits:
        region = {
            "startLine": e.line,
            "startColumn": e.col,
            "endLine": e.end_line,
            "endColumn": e.end_col,
        }
        changes.setdefault(e.path, []).append(
            {"deletedRegion": region, "insertedContent": {"text": e.content}}
        )
    return {
        "description": {"text": fix.message},
        "artifactChanges": [
            {"artifactLocation": _artifact(path, root), "replacements": replacements}
            for path, replacements in changes.items()
        ],
        "properties": {"applicability": fix.applicability.value},
    }


def _result(
    f: Finding, index: dict[str, int], root: Path, *, suppressed: bool = False
) -> dict[str, Any]:
    text = f.message if f.fix is None else f"{f.message}\nFix: {f.fix}"
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": _LEVEL[f.severity],
        "message": {"text": text},
        "locations": [_physical(f.location, root)],
        "partialFingerprints": {"plugcheck/v1": f"{f.contract}/{f.plugin}/{f.code}"},
        "properties": {"plugin": f.plugin, "contract": f.contract},
    }
    if f.related:
        result["relatedLocations"] = [
            {"id": i, **_physical(r.location, root), "message": {"text": r.message}}
            for i, r in enumerate(f.related)
        ]
    if f.autofix is not None:
        result["fixes"] = [_fix(f.autofix, root)]
    if suppressed:
        result["suppressions"] = [{"kind": "inSource"}]
    return result


def document(report: Report) -> dict[str, Any]:
    root = Path.cwd().resolve()
    rules = sorted(RULES.values(), key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    results = [_result(f, index, root) for f in report.findings]
    results += [_result(f, index, root, suppressed=True) for f in report.suppressed]
    errors = [*report.errors, *report.crashes]
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    notifications = [{"level": "error", "message": {"text": e}} for e in errors]
    notifications += [{"level": "note", "message": {"text": n}} for n in report.notes]
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "plugcheck",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(r) for r in rules],
                    }
                },
                "originalUriBaseIds": {_ROOT: {"uri": root.as_uri() + "/"}},
                "invocations": [invocation],
                "results": results,
                "properties": {
                    "confinement": report.confinement,
                    "failed": report.failed(),
                    "shard": list(report.shard) if report.shard else None,
                    # What a passing text summary names; a SARIF viewer shows no summary.
                    "partial": report.left_out,
                },
            }
        ],
    }


def render(report: Report) -> str:
    return json.dumps(document(report), indent=2) + "\n"
