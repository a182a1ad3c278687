"""``path:line:col: PCnnn message [plugin]``, then a summary line; coloured only on a terminal."""

from __future__ import annotations

import os
import sys
from collections import Counter

from plugcheck.autofix.apply import applies, counts
from plugcheck.model import Finding, Severity
from plugcheck.report import matrix
from plugcheck.report.paths import display_path
from plugcheck.run_report import Report
from plugcheck.untrusted import uncommanded

_STYLE = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
_BOLD, _DIM = "1", "2"


def use_color(stream: object = None) -> bool:
    """Colour when ``stream`` (default stdout) is a terminal; ``NO_COLOR`` and ``FORCE_COLOR``
    (https://no-color.org, https://force-color.org) override that, ``NO_COLOR`` first."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream if stream is not None else sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def render(report: Report, *, color: bool | None = None) -> str:
    color = use_color() if color is None else color

    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color else text

    def line(f: Finding, tag: str = "") -> str:
        loc = f.location
        severity = "" if f.severity is Severity.ERROR else f" ({f.severity.value})"
        where = paint(f"{display_path(loc.path)}:{loc.line}:{loc.col}:", _BOLD)
        code = paint(f"{f.code}{severity}", _STYLE[f.severity])
        if applies(f.autofix, report.unsafe_fixes):
            tag += " [*]"
        return f"{where} {code}{tag} {f.message} {paint(f'[{f.plugin}]', _DIM)}"

    lines = [line(f) for f in report.findings]
    lines.extend(paint(line(f, " (suppressed)"), _DIM) for f in report.suppressed)
    lines.extend(matrix.text_lines(report.matrix))
    lines.extend(f"note: {n}" for n in report.notes)
    lines.extend(paint(f"error: {e}", _STYLE[Severity.ERROR]) for e in report.errors)
    lines.extend(paint(f"internal error: {c}", _STYLE[Severity.ERROR]) for c in report.crashes)
    fixable = fixable_line(report)
    if fixable:
        lines.append(fixable)
    lines.append(paint(summary(report), _BOLD))
    return "".join(f"{uncommanded(line)}\n" for line in lines)


def fixable_line(report: Report) -> str | None:
    """``[*] N fixable with --fix, M more with --unsafe-fixes.`` (``None``: nothing fixable)."""
    chosen, hidden = counts(report.findings, report.unsafe_fixes)
    more = f"{hidden} more with --unsafe-fixes" if hidden else ""
    if chosen:
        flag = "--fix --unsafe-fixes" if report.unsafe_fixes else "--fix"
        return f"[*] {chosen} fixable with {flag}" + (f", {more}" if more else "") + "."
    return f"{hidden} fixable with --unsafe-fixes." if hidden else None


def summary(report: Report) -> str:
    counts = Counter(f.severity for f in report.findings)
    plugins = len(report.plugins)
    contracts = len({p.contract for p in report.plugins}) or len(report.config.contracts)
    scope = (
        f"{plugins} plugin{'s' if plugins != 1 else ''} in {contracts} "
        f"contract{'s' if contracts != 1 else ''}"
    )
    if report.shard is not None:  # a slice's verdict, not the fleet's
        scope += f" (shard {report.shard[0]}/{report.shard[1]})"
    silenced = f" ({len(report.suppressed)} suppressed)" if report.suppressed else ""
    broken = len(report.errors) + len(report.crashes)
    if broken:  # whatever the findings say, this run cannot vouch for the plugins
        silenced += f" Run incomplete: {broken} error{'s' if broken != 1 else ''}."
    if not report.findings:
        if broken:
            return f"No findings in {scope}, but the run did not complete.{silenced}"
        if report.empty:
            names = ", ".join(repr(n) for n in report.empty)
            return (
                f"No findings in {scope}; contract{'s' if len(report.empty) != 1 else ''} "
                f"{names} found no plugins to check.{silenced}"
            )
        # What the run left out: --no-dynamic (the plugins were read, never run), a step the
        # contract or the options left out (hooks without stand-ins, --no-mypy).
        # Never "passed" for what was not checked: the summary names what the run left out.
        left_out = ["static checks only: no plugin was run"] if report.static_only else []
        left_out += report.partial
        if left_out:
            return f"No findings in {scope}, but the run left out: {'; '.join(left_out)}.{silenced}"
        return f"All checks passed: {scope}.{silenced}"
    parts = [
        f"{counts[s]} {s.value}{'s' if counts[s] != 1 and s is not Severity.INFO else ''}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[s]
    ]
    total = len(report.findings)
    unchecked = len(report.unchecked)
    if unchecked:  # a warning, but the plugin was not checked: never a pass (Report.failed)
        silenced += f" {unchecked} plugin{'s' if unchecked != 1 else ''} not checked past a step."
    if not report.failed() and report.left_out:
        # Below fail-on, this run passes (exit 0): it says what it did not check, as a run
        # without findings does (before, "Found 1 finding (1 warning)" and nothing else).
        silenced += f" The run left out: {'; '.join(report.left_out)}."
    return (
        f"Found {total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) in {scope}."
        f"{silenced}"
    )
