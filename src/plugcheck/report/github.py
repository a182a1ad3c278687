"""GitHub Actions workflow commands: one annotation per finding on the pull request's diff."""

from __future__ import annotations

from plugcheck.engine import Report
from plugcheck.model import Severity
from plugcheck.report import display_path
from plugcheck.report.text import summary

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
        props.append(f"title={_property(f'{f.code} [{f.plugin}]')}")
        message = f.message if f.fix is None else f"{f.message}\nFix: {f.fix}"
        lines.append(f"::{_COMMAND[f.severity]} {','.join(props)}::{_data(message)}")
    lines.extend(f"::error title=plugcheck internal error::{_data(c)}" for c in report.crashes)
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
