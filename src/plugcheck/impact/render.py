"""The impact report as text (for people) and JSON (for tools)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from packaging.utils import canonicalize_name

from plugcheck._version import __version__
from plugcheck.impact.causes import Change
from plugcheck.impact.delta import PluginDelta, Status
from plugcheck.impact.run import Impact
from plugcheck.model import Finding
from plugcheck.report import display_path
from plugcheck.report.json_ import finding as finding_document
from plugcheck.untrusted import printable, uncommanded

SCHEMA_VERSION = 1
_SAFE_SHOWN = 20
"""Safe changes the text report lists (a large host's internals change by the hundred)."""

_TITLES = {
    Status.NEWLY_BROKEN: "Newly broken",
    Status.FIXED: "Fixed",
    Status.STILL_BROKEN: "Still broken",
    Status.UNCHANGED: "Unchanged",
    Status.ONLY_BEFORE: "Only on the before side",
    Status.ONLY_AFTER: "Only on the after side",
}


def _line(f: Finding) -> str:
    loc = f.location
    severity = "" if f.severity.value == "error" else f" ({f.severity.value})"
    return f"{display_path(loc.path)}:{loc.line}:{loc.col}: {f.code}{severity} {f.message}"


def breaks(change: Change, plugins: list[PluginDelta]) -> str:
    """``breaks 9 plugins (PC201)``: how many newly broken plugins ``change`` explains, and
    with which codes."""
    codes = Counter(e.finding.code for p in plugins for e in p.new if change in e.changes)
    count = len(plugins)
    listed = ", ".join(f"{c} x{n}" if n > 1 else c for c, n in sorted(codes.items()))
    return f"breaks {count} plugin{'s' if count != 1 else ''} ({listed})"


def text(result: Impact) -> str:
    delta = result.delta
    before, after = (s.spec.text for s in result.sides)
    lines = [f"Impact of {before} -> {after} on {len(delta.plugins)} plugins:"]
    for status in Status:
        if status is Status.UNCHANGED:
            continue
        for p in delta.of(status):
            lines.append(f"{_TITLES[status].lower()}: {p.plugin}")
            new = {id(e.finding): e for e in p.new}
            for f in p.before if status is Status.FIXED else p.after:
                lines.append(f"  {_line(f)}")
                if id(f) in new:
                    causes = "; ".join(c.text for c in new[id(f)].changes)
                    lines.append(f"    because {causes or 'no API change explains it'}")
    unchanged = delta.of(Status.UNCHANGED)
    if unchanged:
        lines.append(f"unchanged: {', '.join(p.plugin for p in unchanged)}")
    harmful = [(c, ps) for c, ps in delta.broken_by.items() if ps]
    safe = [c for c, ps in delta.broken_by.items() if not ps]
    if delta.changes:
        lines.append(f"API breaking changes ({len(delta.changes)}):")
        for change, plugins in sorted(harmful, key=lambda cp: (-len(cp[1]), cp[0].path)):
            lines.append(f"  {change.text}: {breaks(change, plugins)}")
        for change in sorted(safe, key=lambda c: c.path)[:_SAFE_SHOWN]:
            lines.append(f"  {change.text}: breaks no plugin of this ecosystem (safe)")
        if len(safe) > _SAFE_SHOWN:
            lines.append(
                f"  ... and {len(safe) - _SAFE_SHOWN} more changes that break no plugin "
                "(--output-format json lists them all)"
            )
    lines.extend(f"note: {n}" for n in result.notes)
    for name, report in zip(("before", "after"), result.reports, strict=True):
        lines.extend(f"error: {name}: {e}" for e in (*report.errors, *report.crashes))
    lines.append(summary(result))
    return "".join(f"{uncommanded(printable(line))}\n" for line in lines)


def summary(result: Impact) -> str:
    counts = Counter(p.status for p in result.delta.plugins)
    parts = [
        f"{counts[s]} {_TITLES[s].lower()}"
        for s in Status
        if counts[s] or s in (Status.NEWLY_BROKEN, Status.FIXED)
    ]
    return f"Impact: {', '.join(parts)} (of {len(result.delta.plugins)} plugins)."


def document(result: Impact) -> dict[str, Any]:
    delta = result.delta
    counts = Counter(p.status for p in delta.plugins)
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "plugcheck", "version": __version__, "command": "impact"},
        "sides": [
            {
                "name": name,
                "spec": side.spec.text,
                "kind": side.spec.kind,
                "target": side.spec.target,
                "environment": str(side.env_dir),
                "cached": side.cached,
                "findings": len(report.findings),
                "errors": [*report.errors, *report.crashes],
            }
            for name, side, report in zip(
                ("before", "after"), result.sides, result.reports, strict=True
            )
        ],
        "summary": {
            "plugins": len(delta.plugins),
            **{s.value: counts[s] for s in Status},
            "failed": result.failed(),
        },
        "plugins": [
            {
                "contract": p.contract,
                "plugin": p.plugin,
                "status": p.status.value,
                **_after_side(result, p),
                "before": [finding_document(f) for f in p.before],
                "after": [finding_document(f) for f in p.after],
                "new": [
                    {**finding_document(e.finding), "causes": [c.path for c in e.changes]}
                    for e in p.new
                ],
            }
            for p in delta.plugins
        ],
        "changes": [
            {
                "path": c.path,
                "kind": c.kind,
                "text": c.text,
                "where": c.where,
                "plugins": [p.plugin for p in delta.broken_by.get(c, [])],
                "safe": not delta.broken_by.get(c),
            }
            for c in delta.changes
        ],
        "shard": list(result.shard) if result.shard else None,
        "notes": list(result.notes),
        "seconds": {k: round(v, 3) for k, v in result.seconds.items()},
    }


def _after_side(result: Impact, p: PluginDelta) -> dict[str, Any]:
    """Whether the after side carried the plugin's results over, else why it checked it."""
    key = (p.contract, canonicalize_name(p.plugin))
    carried = key in result.carried and result.carried[key] is None
    return {"carried": carried, "checked_because": result.carried.get(key)}


def json_text(result: Impact) -> str:
    return json.dumps(document(result), indent=2) + "\n"
