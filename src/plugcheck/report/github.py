"""GitHub Actions workflow commands: one annotation per finding on the pull request's diff."""

from __future__ import annotations

from collections import Counter

from plugcheck.autofix.apply import applies
from plugcheck.model import Applicability, Finding, Severity
from plugcheck.report.paths import display_path
from plugcheck.report.text import fixable_line, summary
from plugcheck.run_report import Report
from plugcheck.untrusted import uncommanded

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        loc = f.location
        props = [f"file={_property(display_path(loc.path))}", f"line={loc.line}", f"col={loc.col}"]
        if loc.end_line is not None:
            props.append(f"endLine={loc.end_line}")
            if loc.end_col is not None:
                props.append(f"endColumn={loc.end_col}")
        fixable = " [*]" if applies(f.autofix, report.unsafe_fixes) else ""
        props.append(f"title={_property(f'{f.code}{fixable} [{f.plugin}]')}")
        message = f.message if f.fix is None else f"{f.message}\nFix: {f.fix}"
        if f.autofix is not None:
            message += f"\n{_fixable(f, report.unsafe_fixes)}: {f.autofix.message}"
        lines.append(f"::{_COMMAND[f.severity]} {','.join(props)}::{_data(message)}")
    lines.extend(f"::error title=plugcheck::{_data(e)}" for e in report.errors)
    lines.extend(f"::error title=plugcheck internal error::{_data(c)}" for c in report.crashes)
    if report.suppressed:  # only kept with --show-suppressed
        lines.append(_suppressed_notice(report.suppressed))
    lines.extend(f"note: {n}" for n in report.notes)
    counted = fixable_line(report)
    if counted:
        lines.append(uncommanded(counted))
    lines.append(uncommanded(summary(report)))
    return "\n".join(lines) + "\n"


def _fixable(finding: Finding, unsafe: bool) -> str:
    """How the annotation says a finding can be fixed: the command that would apply it."""
    assert finding.autofix is not None
    if applies(finding.autofix, unsafe) or finding.autofix.applicability is Applicability.SAFE:
        return "Fixable with plugcheck check --fix"
    return "Fixable with plugcheck check --fix --unsafe-fixes"


def _suppressed_notice(suppressed: list[Finding]) -> str:
    """One ``::notice`` for what suppressions silenced (``--show-suppressed``): the count and the
    codes, without annotating the diff once per silenced finding."""
    codes = Counter(f.code for f in suppressed)
    listed = ", ".join(f"{code} x{n}" if n > 1 else code for code, n in sorted(codes.items()))
    count = len(suppressed)
    return (
        f"::notice title=plugcheck suppressions::{count} finding{'s' if count != 1 else ''} "
        f"silenced by suppressions ({_data(listed)})"
    )
