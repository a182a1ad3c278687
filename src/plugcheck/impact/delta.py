"""What changed for each plugin between two full checks: newly broken, fixed, still broken,
unchanged; each newly failing finding with the API changes that explain it."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from packaging.utils import canonicalize_name

from plugcheck.impact.causes import Change, explains
from plugcheck.model import Finding, Severity
from plugcheck.run_report import Report


class Status(enum.Enum):
    NEWLY_BROKEN = "newly-broken"
    FIXED = "fixed"
    STILL_BROKEN = "still-broken"
    UNCHANGED = "unchanged"
    ONLY_BEFORE = "only-before"
    """Found on the before side only (its distribution did not install on the after side)."""
    ONLY_AFTER = "only-after"


@dataclass(frozen=True, slots=True)
class Explained:
    """A finding failing only on the after side, with the API changes that explain it."""

    finding: Finding
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class PluginDelta:
    contract: str
    plugin: str
    status: Status
    before: tuple[Finding, ...]
    """Findings at or above the failing severity on the before side."""
    after: tuple[Finding, ...]
    new: tuple[Explained, ...] = ()
    """The after side's failing findings the before side does not have."""


@dataclass(slots=True)
class Delta:
    plugins: list[PluginDelta]
    changes: list[Change]
    broken_by: dict[Change, list[PluginDelta]] = field(default_factory=dict)
    """Each change with the plugins it breaks (newly broken ones, and still broken ones it
    breaks in one more way); empty: safe for this ecosystem."""

    def of(self, status: Status) -> list[PluginDelta]:
        return [p for p in self.plugins if p.status is status]

    def unexplained(self) -> list[tuple[PluginDelta, Explained]]:
        return [(p, e) for p in self.plugins for e in p.new if not e.changes]


def compare(
    before: Report,
    after: Report,
    changes: Sequence[Change],
    dirs: tuple[Sequence[Path], Sequence[Path]],
    fail_on: Severity,
) -> Delta:
    """The per-plugin delta of two reports of one contract set, run in the two environments
    ``dirs`` (each side's own directories, left out when findings are compared)."""
    sides = [_by_plugin(before, fail_on), _by_plugin(after, fail_on)]
    listed = [_names(before), _names(after)]
    names = {
        **{k: fs[0].plugin for side in sides for k, fs in side.items()},
        **listed[0],
        **listed[1],
    }
    deltas = []
    for key in sorted(names):
        old = tuple(sides[0].get(key, ()))
        new = tuple(sides[1].get(key, ()))
        present = key in listed[0] or bool(old), key in listed[1] or bool(new)
        if not present[1]:
            status = Status.ONLY_BEFORE
        elif not present[0]:
            status = Status.ONLY_AFTER
        elif new and not old:
            status = Status.NEWLY_BROKEN
        elif old and not new:
            status = Status.FIXED
        else:
            status = Status.STILL_BROKEN if new else Status.UNCHANGED
        known = {identity(f, dirs[0]) for f in old}
        fresh = [f for f in new if identity(f, dirs[1]) not in known] if present[0] else []
        deltas.append(
            PluginDelta(
                key[0],
                names[key],
                status,
                old,
                new,
                tuple(Explained(f, _best(changes, f)) for f in fresh),
            )
        )
    broken_by: dict[Change, list[PluginDelta]] = {c: [] for c in changes}
    for delta in deltas:
        # A still broken plugin the change breaks in one more way counts too: the change is
        # not safe for it (fixing its old problem would not make it load).
        if delta.status not in (Status.NEWLY_BROKEN, Status.STILL_BROKEN):
            continue
        for change in dict.fromkeys(c for e in delta.new for c in e.changes):
            broken_by[change].append(delta)
    return Delta(deltas, list(changes), broken_by)


def _best(changes: Sequence[Change], finding: Finding) -> tuple[Change, ...]:
    scores = [(explains(c, finding), c) for c in changes]
    top = max((s for s, _ in scores), default=0)
    return tuple(c for s, c in scores if s == top and s > 0)


def _by_plugin(report: Report, fail_on: Severity) -> dict[tuple[str, str], list[Finding]]:
    out: dict[tuple[str, str], list[Finding]] = {}
    for f in report.findings:
        if fail_on <= f.severity:
            out.setdefault((f.contract, canonicalize_name(f.plugin)), []).append(f)
    return out


def _names(report: Report) -> dict[tuple[str, str], str]:
    return {(p.contract, canonicalize_name(p.name)): p.name for p in report.plugins}


def identity(f: Finding, dirs: Sequence[Path]) -> tuple[str, str, int, str]:
    """A finding as both sides can say it: the side's own directories (its environment, the
    tree of its git ref) left out."""
    path, message = str(f.location.path), f.message
    for n, directory in enumerate(dirs):
        path = path.replace(str(directory), f"<side{n}>")
        message = message.replace(str(directory), f"<side{n}>")
    return f.code, path, f.location.line, message
