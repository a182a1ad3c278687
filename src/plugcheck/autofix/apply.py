"""Applying fixes: which ones run, in what order, and the guarantees (one file set per
finding, no overlaps in one round, every written file still parses)."""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from plugcheck import untrusted
from plugcheck.autofix.text import Lines, read, write
from plugcheck.model import Applicability, Autofix, Finding

MAX_ROUNDS = 10
"""Fixes that overlap in one file wait for the next round (after a re-check); at most this many."""


def applies(fix: Autofix | None, unsafe: bool) -> bool:
    return fix is not None and (unsafe or fix.applicability is Applicability.SAFE)


def counts(findings: Iterable[Finding], unsafe: bool) -> tuple[int, int]:
    """(fixable with the fixes chosen, more fixable with ``--unsafe-fixes``)."""
    chosen = hidden = 0
    for f in findings:
        if applies(f.autofix, unsafe):
            chosen += 1
        elif f.autofix is not None:
            hidden += 1
    return chosen, hidden


@dataclass(slots=True)
class Plan:
    """One round: the new text of each file it changes and the findings it fixes."""

    old: dict[Path, str] = field(default_factory=dict)
    new: dict[Path, str] = field(default_factory=dict)
    fixed: list[Finding] = field(default_factory=list)
    deferred: int = 0
    """Fixes left for the next round: they overlap one taken in this round."""
    refused: list[str] = field(default_factory=list)
    """Why fixes were not applied at all (another file, a result that does not parse)."""

    def diff(self, shown: dict[Path, str]) -> str:
        """A unified diff of every changed file, paths as ``shown`` names them."""
        out: list[str] = []
        for path in sorted(self.new):
            name = shown.get(path, str(path))
            out.extend(
                difflib.unified_diff(
                    self.old[path].splitlines(keepends=True),
                    self.new[path].splitlines(keepends=True),
                    f"a/{name}",
                    f"b/{name}",
                )
            )
        return "".join(line if line.endswith("\n") else line + "\n" for line in out)

    def write(self) -> list[str]:
        """Write every changed file; why a file could not be written (its fixes then count as
        not applied, and the next check still reports them)."""
        failed = []
        for path, text in self.new.items():
            try:
                write(path, text)
            except OSError as exc:
                failed.append(f"--fix could not write {path}: {exc.strerror or exc}")
                self.fixed = [
                    f
                    for f in self.fixed
                    if f.autofix and all(e.path.resolve() != path for e in f.autofix.edits)
                ]
        return failed


def plan(findings: Sequence[Finding], unsafe: bool) -> Plan:
    """Choose this round's fixes: in report order, each whole or not at all, none touching a
    file the finding does not name, none overlapping one already taken; then drop the fixes
    of any file whose result would not parse, and choose again without them."""
    candidates = [f for f in findings if applies(f.autofix, unsafe)]
    result = Plan()
    broken: set[Path] = set()
    while True:
        result = _choose(candidates, broken)
        bad = {path for path, text in result.new.items() if not _parses(path, text)}
        if not bad:
            break
        broken |= bad
    result.refused.extend(
        f"{f.code} fix not applied: it would leave {path} unparsable"
        for f in candidates
        for path in broken
        if f.autofix is not None and any(_key(e.path) == path for e in f.autofix.edits)
    )
    return result


def _key(path: Path) -> Path:
    return path.resolve()


def _choose(candidates: Sequence[Finding], broken: set[Path]) -> Plan:
    result = Plan()
    taken: dict[Path, list[tuple[int, int]]] = {}
    chosen: dict[Path, list[tuple[int, int, str]]] = {}
    seen: set[tuple[object, ...]] = set()
    for finding in candidates:
        fix = finding.autofix
        assert fix is not None
        own = {_key(finding.location.path), *(_key(r.location.path) for r in finding.related)}
        paths = {_key(e.path) for e in fix.edits}
        if not paths <= own:
            result.refused.append(
                f"{finding.code} fix not applied: it edits a file the finding does not name"
            )
            continue
        if paths & broken:
            continue
        identity = tuple(
            (_key(e.path), e.line, e.col, e.end_line, e.end_col, e.content) for e in fix.edits
        )
        if identity in seen:  # the same fix for another finding (two contracts, one file)
            result.fixed.append(finding)
            continue
        spans: list[tuple[Path, int, int, str]] = []
        for e in fix.edits:
            path = _key(e.path)
            if path not in result.old:
                text = read(path)
                if text is None:
                    break
                result.old[path] = text
            lines = Lines(result.old[path])
            start, end = lines.offset(e.line, e.col), lines.offset(e.end_line, e.end_col)
            if not 0 <= start <= end <= len(result.old[path]):
                break
            spans.append((path, start, end, e.content))
        else:
            if any(_overlaps(s, e, taken.get(p, ())) for p, s, e, _ in spans):
                result.deferred += 1
                continue
            for path, start, end, content in spans:
                taken.setdefault(path, []).append((start, end))
                chosen.setdefault(path, []).append((start, end, content))
            seen.add(identity)
            result.fixed.append(finding)
            continue
        result.refused.append(f"{finding.code} fix not applied: its file changed since the check")
    for path, edits in chosen.items():
        text = result.old[path]
        for start, end, content in sorted(edits, reverse=True):
            text = text[:start] + content + text[end:]
        result.new[path] = text
    result.old = {p: t for p, t in result.old.items() if p in result.new}
    return result


def _overlaps(start: int, end: int, taken: Iterable[tuple[int, int]]) -> bool:
    """Ranges that share text, or two edits starting at one place: two insertions there could
    not be both right (``[]`` + ``"a"`` + ``"b"`` is ``["a""b"]``); the second one waits."""
    return any((start < e and s < end) or start == s for s, e in taken)


def _parses(path: Path, text: str) -> bool:
    try:
        if path.suffix in (".py", ".pyi"):
            untrusted.parse(text, str(path))
        elif path.suffix == ".toml":
            tomllib.loads(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True
