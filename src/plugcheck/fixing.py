"""``check --fix`` and ``--diff``: fixes applied in rounds, each followed by a check of the
plugins it changed, until none is left (ruff's loop); ``--diff`` shows the end result and puts
every file back as it was."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from packaging.utils import canonicalize_name

from plugcheck.autofix.apply import MAX_ROUNDS, Plan, plan
from plugcheck.autofix.text import read, write
from plugcheck.engine import check
from plugcheck.model import Finding
from plugcheck.options import Options
from plugcheck.report import display_path
from plugcheck.run_report import Report
from plugcheck.untrusted import printable


@dataclass(slots=True)
class Fixed:
    """What the rounds did: the report after them, how many findings they fixed, and the text
    every changed file had before the first round."""

    report: Report
    count: int = 0
    rounds: int = 0
    originals: dict[Path, str] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)
    unwritten: list[str] = field(default_factory=list)


def fix(options: Options, report: Report) -> tuple[Report, int]:
    """``--fix``: apply the fixes and return the report of what remains, with notes on what
    was fixed and what was not."""
    done = Fixed(report)
    _rounds(options, done)
    report = done.report
    report.notes.extend(printable(r) for r in dict.fromkeys(done.refused))
    report.errors.extend(printable(u) for u in done.unwritten)  # the run did not do what was asked
    if done.count:
        report.notes.append(f"--fix fixed {done.count} finding{'s' if done.count != 1 else ''}")
    return report, done.count


@dataclass(frozen=True, slots=True)
class Diff:
    """What ``--diff`` shows: the diff of all rounds, how many findings it fixes in how many
    rounds, and why fixes were not taken."""

    text: str
    count: int
    rounds: int
    refused: tuple[str, ...]
    unwritten: tuple[str, ...]


def diff(options: Options, report: Report) -> Diff:
    """``--diff``: the unified diff of what ``--fix`` would leave, over all its rounds.

    A round after the first needs the check to see the files as the earlier rounds left them,
    so from the second round on the fixes are written and every file is put back afterwards,
    byte for byte with its times, also when the run is interrupted. A single round writes
    nothing."""
    first = plan(report.findings, options.unsafe_fixes)
    if not first.deferred:
        shown = first.diff({p: display_path(p) for p in first.new})
        return Diff(shown, len(first.fixed), 1 if first.new else 0, tuple(first.refused), ())
    times: dict[Path, tuple[int, int]] = {}
    done = Fixed(report)
    try:
        _rounds(options, done, first, times)
        final = {path: read(path) or "" for path in done.originals}
    finally:
        for path, text in done.originals.items():
            write(path, text)
            os.utime(path, ns=times[path])
    whole = Plan(old=done.originals, new=final)
    return Diff(
        whole.diff({p: display_path(p) for p in whole.new}),
        done.count,
        done.rounds,
        tuple(dict.fromkeys(done.refused)),
        tuple(done.unwritten),
    )


def _rounds(
    options: Options,
    done: Fixed,
    chosen: Plan | None = None,
    times: dict[Path, tuple[int, int]] | None = None,
) -> None:
    """Apply the fixes, in rounds while some waited for an overlapping one. After each round
    the plugins whose files changed are checked again (so every fix is made against the file
    as it now is, and the report says what remains); the others keep their findings. The text
    (and, when ``times`` is given, the times) of each file is kept from before its first
    change (in ``done``, as it goes: a caller can put the files back after an error)."""
    for _ in range(MAX_ROUNDS):
        chosen = chosen or plan(done.report.findings, options.unsafe_fixes)
        done.refused.extend(chosen.refused)
        if not chosen.new:
            break
        for path, text in chosen.old.items():
            if path not in done.originals:
                if times is not None:
                    stat = path.stat()
                    times[path] = (stat.st_atime_ns, stat.st_mtime_ns)
                done.originals[path] = text
        done.unwritten.extend(chosen.write())
        done.count += len(chosen.fixed)
        done.rounds += 1
        changed = {folder for path in chosen.new for folder in (path, *path.parents)}
        touched = sorted({p.name for p in done.report.plugins if p.root.resolve() in changed})
        if touched:
            again = check(replace(options, only=tuple(touched)))
            done.report = _rechecked(done.report, again, touched)
        else:  # a file outside every plugin's root: check everything again
            done.report = check(options)
        if not chosen.deferred:
            break
        chosen = None


def _rechecked(before: Report, again: Report, names: list[str]) -> Report:
    """``before`` with the findings of the plugins named ``names`` replaced by ``again``'s."""
    redone = {canonicalize_name(printable(n)) for n in names}  # as findings name plugins

    def kept(findings: list[Finding]) -> list[Finding]:
        return [f for f in findings if canonicalize_name(f.plugin) not in redone]

    before.findings[:] = sorted([*kept(before.findings), *again.findings], key=lambda f: f.sort_key)
    before.suppressed[:] = [*kept(before.suppressed), *again.suppressed]
    before.notes.extend(n for n in again.notes if n not in before.notes)
    before.errors.extend(again.errors)
    before.crashes.extend(again.crashes)
    before.steps.update(again.steps)
    return before
