"""One report from the reports of ``plugcheck check --shard I/N`` runs (JSON, or SARIF).

Shards partition the plugins, so merging is a union: plugins, findings and SARIF results are
concatenated (findings in the order one run sorts them), notes and errors kept once each, the
summary recounted. Reports of different plugcheck versions or configurations, or two reports
that both checked one plugin, are refused: they are not shards of one check.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from plugcheck import __version__
from plugcheck.report.json_ import SCHEMA_VERSION


class MergeError(Exception):
    """The reports cannot be merged: one line saying why."""


def kind(document: object) -> str:
    """``json``, ``sarif`` or ``matrix`` (``plugcheck matrix``'s JSON): which plugcheck report
    ``document`` is."""
    if isinstance(document, dict):
        if document.get("version") == "2.1.0" and isinstance(document.get("runs"), list):
            return "sarif"
        tool = document.get("tool")
        if isinstance(tool, dict) and tool.get("name") == "plugcheck":
            if tool.get("command") == "matrix" and "rows" in document:
                return "matrix"
            if tool.get("command") == "impact" and "changes" in document:
                return "impact"
            if "findings" in document:
                return "json"
    raise MergeError("not a plugcheck JSON, SARIF or matrix report")


def merge(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The merged report, in the format of the inputs (all of one format)."""
    kinds = {kind(d) for d in documents}
    if len(kinds) > 1:
        raise MergeError(
            f"the reports mix {' and '.join(sorted(kinds))}: merge reports of one format"
        )
    mergers = {"sarif": merge_sarif, "matrix": merge_matrix, "impact": merge_impact}
    merger = mergers.get(kinds.pop(), merge_json)
    try:
        return merger(documents)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise MergeError(f"a report is malformed ({type(exc).__name__}: {exc})") from None


def merge_json(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    _same("plugcheck version", [d["tool"].get("version") for d in documents])
    _same("report schema version", [d.get("version") for d in documents])
    if documents[0].get("version") != SCHEMA_VERSION:
        raise MergeError(
            f"report schema version {documents[0].get('version')!r}: this plugcheck "
            f"({__version__}) merges version {SCHEMA_VERSION}"
        )
    _same("configuration", [d.get("config") for d in documents])
    missing = _missing_shards([d.get("shard") for d in documents])
    plugins: list[dict[str, Any]] = []
    seen: set[tuple[object, ...]] = set()
    for document in documents:
        for plugin in document.get("plugins", []):
            key = (plugin.get("contract"), plugin.get("name"), plugin.get("path"))
            if key in seen:
                raise MergeError(
                    f"plugin {plugin.get('name')} of contract {plugin.get('contract')} is in two "
                    "reports: shards of one check never overlap (the same report twice?)"
                )
            seen.add(key)
            plugins.append(plugin)
    findings = sorted(_all(documents, "findings"), key=_finding_order)
    suppressed = sorted(_all(documents, "suppressed"), key=_finding_order)
    notes = _once(_all(documents, "notes"))
    confinement = _confinement([d.get("confinement") for d in documents], notes)
    counts = Counter(f.get("severity") for f in findings)
    merged = dict(documents[0])
    merged.update(
        shard=None,
        summary={
            "plugins": len(plugins),
            "findings": len(findings),
            **{s: counts[s] for s in ("error", "warning", "info")},
            "failed": any(d.get("summary", {}).get("failed") for d in documents),
            "partial": _once(_all([d.get("summary", {}) for d in documents], "partial")),
        },
        plugins=plugins,
        findings=findings,
        suppressed=suppressed,
        errors=[*_once(_all(documents, "errors")), *missing],
        notes=notes,
        confinement=confinement,
        matrix=_matrix([d.get("matrix") for d in documents]),
    )
    return merged


def merge_matrix(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The shards of one ``plugcheck matrix`` (``--shard I/N`` slices its cells): rows joined
    cell by cell; a cell in two reports is refused."""
    _same("plugcheck version", [d["tool"].get("version") for d in documents])
    _same("report schema version", [d.get("version") for d in documents])
    _same("configuration", [d.get("config") for d in documents])
    _same("versions", [[c["spec"] for c in d["columns"]] for d in documents])
    missing = _missing_shards([d["shard"] for d in documents], "cells")
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for document in documents:
        for row in document["rows"]:
            merged = rows.setdefault(
                (row["contract"], row["plugin"]),
                {"contract": row["contract"], "plugin": row["plugin"], "cells": {}},
            )
            for spec, cell in row["cells"].items():
                if spec in merged["cells"]:
                    raise MergeError(
                        f"the cell of plugin {row['plugin']} and version {spec} is in two "
                        "reports: shards of one matrix never overlap (the same report twice?)"
                    )
                merged["cells"][spec] = cell
    cells = [c for row in rows.values() for c in row["cells"].values()]
    counts = Counter(c["worst"] for c in cells)
    out = dict(documents[0])
    out.update(
        shard=None,
        rows=[rows[key] for key in sorted(rows)],
        summary={
            "plugins": len(rows),
            "columns": len(documents[0]["columns"]),
            "cells": len(cells),
            **{w: counts[w] for w in ("ok", "info", "warning", "error")},
            "failed": any(d["summary"]["failed"] for d in documents),
        },
        notes=_once(_all(documents, "notes")),
        errors=[*_once(_all(documents, "errors")), *missing],
    )
    return out


def merge_impact(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The shards of one ``plugcheck impact`` (``--shard I/N`` slices its plugins): plugins
    joined, each API change with the plugins it breaks in any shard (safe only when it breaks
    none in all of them)."""
    _same("plugcheck version", [d["tool"].get("version") for d in documents])
    _same("report schema version", [d.get("version") for d in documents])
    _same("sides", [[s["spec"] for s in d["sides"]] for d in documents])
    missing = _missing_shards([d["shard"] for d in documents])
    plugins: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for document in documents:
        for plugin in document["plugins"]:
            key = (plugin["contract"], plugin["plugin"])
            if key in seen:
                raise MergeError(
                    f"plugin {plugin['plugin']} of contract {plugin['contract']} is in two "
                    "reports: shards of one impact run never overlap (the same report twice?)"
                )
            seen.add(key)
            plugins.append(plugin)
    changes: dict[tuple[str, str, str], dict[str, Any]] = {}
    for change in _all(documents, "changes"):
        merged = changes.setdefault(
            (change["path"], change["kind"], change["text"]), {**change, "plugins": []}
        )
        merged["plugins"] = sorted({*merged["plugins"], *change["plugins"]})
        merged["safe"] = not merged["plugins"]
    counts = Counter(p["status"] for p in plugins)
    summary = {k: counts[k] for k in documents[0]["summary"]}
    summary.update(plugins=len(plugins), failed=bool(counts["newly-broken"]))
    out = dict(documents[0])
    out.update(
        shard=None,
        plugins=sorted(plugins, key=lambda p: (p["contract"], p["plugin"])),
        changes=list(changes.values()),
        summary=summary,
        notes=_once(_all(documents, "notes")),
        errors=missing,
        sides=[
            {**side, "errors": _once(e for d in documents for e in d["sides"][i]["errors"])}
            for i, side in enumerate(documents[0]["sides"])
        ],
    )
    return out


def merge_sarif(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    runs = [run for d in documents for run in d["runs"]]
    if not all(run.get("tool", {}).get("driver", {}).get("name") == "plugcheck" for run in runs):
        raise MergeError("a SARIF report not made by plugcheck")
    _same("plugcheck version", [run["tool"]["driver"].get("version") for run in runs])
    _same("source root", [run.get("originalUriBaseIds") for run in runs])
    properties = [run.get("properties", {}) for run in runs]
    missing = _missing_shards([p.get("shard") for p in properties])
    results = [r for run in runs for r in run.get("results", [])]
    invocations = [i for run in runs for i in run.get("invocations", [])]
    notifications = _once(n for i in invocations for n in i.get("toolExecutionNotifications", []))
    notifications += [{"level": "error", "message": {"text": m}} for m in missing]
    invocation: dict[str, Any] = {
        "executionSuccessful": not missing
        and all(i.get("executionSuccessful", True) for i in invocations)
    }
    notes: list[Any] = []
    confinement = _confinement([p.get("confinement") for p in properties], notes)
    notifications += [{"level": "note", "message": {"text": n}} for n in notes]
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = dict(runs[0])
    run.update(
        invocations=[invocation],
        results=results,
        properties={
            **properties[0],
            "confinement": confinement,
            "failed": any(p.get("failed") for p in properties),
            "shard": None,
            "partial": _once(_all(properties, "partial")),
        },
    )
    merged = dict(documents[0])
    merged["runs"] = [run]
    return merged


def _missing_shards(values: Sequence[Any], what: str = "plugins") -> list[str]:
    """An error line naming the slices of ``--shard I/N`` no report holds (empty: every slice,
    or reports of unsharded runs). Without it, the reports of shards 1/3 and 2/3 merged into a
    report that passed, exit 0, while a third of the fleet was never checked (red52). Reports of
    two splits, one slice twice or sharded and unsharded reports together are no one check."""
    if all(v is None for v in values):
        return []
    if any(v is None for v in values):
        raise MergeError("the reports mix --shard runs and unsharded runs: not shards of one check")
    shards = [(int(i), int(n)) for i, n in values]
    counts = sorted({n for _, n in shards})
    if len(counts) > 1:
        raise MergeError(
            f"the reports are shards of {' and '.join(map(str, counts))} slices: not one check"
        )
    count = counts[0]
    seen = Counter(i for i, _ in shards)
    twice = [f"{i}/{count}" for i, n in sorted(seen.items()) if n > 1]
    if twice:
        raise MergeError(f"shard {', '.join(twice)} is in two reports (the same report twice?)")
    absent = [f"{i}/{count}" for i in range(1, count + 1) if i not in seen]
    if not absent:
        return []
    return [
        f"shard{'s' if len(absent) > 1 else ''} {', '.join(absent)} missing: the merged report "
        f"holds {len(seen)} of {count} slices of the {what}, and says nothing of the others "
        "(merge every shard's report)"
    ]


def _same(what: str, values: list[object]) -> None:
    distinct = list(dict.fromkeys(map(repr, values)))
    if len(distinct) > 1:
        raise MergeError(
            f"the reports differ in {what} ({', '.join(distinct)}): not shards of one check"
        )


def _all(documents: Iterable[dict[str, Any]], key: str) -> list[Any]:
    return [item for d in documents for item in d.get(key) or []]


def _once(items: Iterable[Any]) -> list[Any]:
    """``items`` without repeats, in first-seen order (every shard says the same notes)."""
    out: list[Any] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def _finding_order(f: dict[str, Any]) -> tuple[str, int, int, str, str, str]:
    return (
        str(f.get("path")),
        int(f.get("line") or 0),
        int(f.get("column") or 0),
        str(f.get("code")),
        str(f.get("plugin")),
        str(f.get("message")),
    )


def _confinement(values: list[list[str] | None], notes: list[Any]) -> list[str] | None:
    """What confined every shard's plugin processes (shards that ran no plugin code say
    ``None``); a note when the shards' machines differed."""
    known = [v for v in values if v is not None]
    if not known:
        return None
    common = [m for m in known[0] if all(m in v for v in known)]
    if any(v != known[0] for v in known):
        notes.append(
            "the shards ran under different confinement: "
            + " / ".join(", ".join(v) or "none" for v in _once(known))
            + f"; all of them under: {', '.join(common) or 'none'}"
        )
    return common


def _matrix(values: list[dict[str, Any] | None]) -> dict[str, Any] | None:
    known = [v for v in values if v is not None]
    if not known:
        return None
    _same("API versions of the matrix", [v.get("versions") for v in known])
    return {"versions": known[0]["versions"], "rows": _all(known, "rows")}
