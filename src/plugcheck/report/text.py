"""``path:line:col: PCnnn message [plugin]``, then a summary line."""

from __future__ import annotations

from collections import Counter

from plugcheck.engine import Report
from plugcheck.model import Severity
from plugcheck.report import display_path


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        loc = f.location
        severity = "" if f.severity is Severity.ERROR else f" ({f.severity.value})"
        lines.append(
            f"{display_path(loc.path)}:{loc.line}:{loc.col}: {f.code}{severity} {f.message} "
            f"[{f.plugin}]"
        )
    lines.extend(f"note: {n}" for n in report.notes)
    lines.extend(f"internal error: {c}" for c in report.crashes)
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def summary(report: Report) -> str:
    counts = Counter(f.severity for f in report.findings)
    plugins = len(report.plugins)
    contracts = len({p.contract for p in report.plugins}) or len(report.config.contracts)
    scope = (
        f"{plugins} plugin{'s' if plugins != 1 else ''} in {contracts} "
        f"contract{'s' if contracts != 1 else ''}"
    )
    if not report.findings:
        return f"All checks passed: {scope}."
    parts = [
        f"{counts[s]} {s.value}{'s' if counts[s] != 1 and s is not Severity.INFO else ''}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[s]
    ]
    total = len(report.findings)
    return f"Found {total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) in {scope}."
