"""Suppressions: ``# plugcheck: ignore[PCnnn]`` comments and per-plugin ignores in the contract.

Applied once, after every pass, so a comment silences findings of any pass (static, mypy,
harness). A comment counts on the finding's line or on one of its related locations (the
definition a finding points back to). A comment that silences nothing is itself reported
(PC901), but only for codes that ran in this invocation.
"""

from __future__ import annotations

import io
import os
import re
import tokenize
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plugcheck.model import Finding, Location, Phase, Plugin
from plugcheck.pipeline import Options
from plugcheck.rules import RULES, is_selected
from plugcheck.rules.meta import PC901, PER_PLUGIN_IGNORES

if TYPE_CHECKING:
    from plugcheck.engine import Report

_MARK = b"plugcheck:"
_COMMENT = re.compile(r"#.*?\bplugcheck:\s*ignore\b(?:\[([^\]]*)\])?")


@dataclass(slots=True)
class Suppression:
    """One comment: ``codes`` empty means every code on that line."""

    location: Location
    codes: tuple[str, ...]
    used: set[str] = field(default_factory=set)

    def matches(self, code: str) -> str | None:
        """The entry of this comment that silences ``code`` (``""`` for a bare ignore)."""
        if not self.codes:
            return ""
        return next((c for c in self.codes if code.startswith(c)), None)


class _Comments:
    """Suppression comments by file and line, each file read at most once."""

    def __init__(self) -> None:
        self._files: dict[Path, dict[int, Suppression]] = {}

    def at(self, loc: Location) -> Suppression | None:
        return self.of(loc.path).get(loc.line)

    def of(self, path: Path) -> dict[int, Suppression]:
        key = _absolute(path)
        if key not in self._files:
            self._files[key] = _parse(key)
        return self._files[key]


def _absolute(path: Path) -> Path:
    """``path`` made absolute without touching the disk (``resolve()`` costs syscalls per part;
    plugcheck builds every location from the same absolute roots)."""
    return Path(os.path.normpath(os.path.abspath(path)))


def _parse(path: Path) -> dict[int, Suppression]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    if _MARK not in data:
        return {}
    lines = data.decode("utf-8", errors="replace").splitlines()
    comments = [
        (number, line.find("#"), line[line.find("#") :])
        for number, line in enumerate(lines, start=1)
        if "plugcheck:" in line and "#" in line
    ]
    if path.suffix == ".py" and not _plainly_comments(lines, comments):
        tokenized = _tokenized_comments(data)
        comments = comments if tokenized is None else tokenized
    found: dict[int, Suppression] = {}
    for line, col, comment in comments:
        match = _COMMENT.search(comment)
        if match is None:
            continue
        raw = match.group(1) or ""
        codes = tuple(c.strip().upper() for c in raw.split(",") if c.strip())
        found[line] = Suppression(Location(path, line, col + 1 + match.start()), codes)
    return found


def _plainly_comments(lines: list[str], comments: list[tuple[int, int, str]]) -> bool:
    """Whether each candidate ``#`` is surely a comment: no quote before it on its line, and
    outside any triple-quoted string. Otherwise the file is tokenized (the rare, slow path)."""
    for number, col, _ in comments:
        if "'" in lines[number - 1][:col] or '"' in lines[number - 1][:col]:
            return False
        before = "\n".join(lines[: number - 1])
        if before.count('"""') % 2 or before.count("'''") % 2:
            return False
    return True


def _tokenized_comments(data: bytes) -> list[tuple[int, int, str]] | None:
    """Every comment of a Python file; ``None`` when it cannot be tokenized (PC001's case)."""
    try:
        tokens = tokenize.tokenize(io.BytesIO(data).readline)
        return [(t.start[0], t.start[1], t.string) for t in tokens if t.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError):
        return None


def apply_suppressions(report: Report, options: Options) -> None:
    """Move suppressed findings out of ``report.findings``; report unused comments (PC901)."""
    comments = _Comments()
    ignores = _per_plugin(report)
    kept: list[Finding] = []
    silenced: list[Finding] = []
    for finding in report.findings:
        if _suppressed(finding, comments) or _ignored(finding, ignores):
            silenced.append(finding)
        else:
            kept.append(finding)
    config = report.config
    if is_selected(PC901.code, config.select, config.ignore):
        kept.extend(
            f
            for f in _unused(report.plugins, comments, options, config.select, config.ignore)
            if not _ignored(f, ignores)
        )
    report.findings[:] = kept
    if options.show_suppressed:
        report.suppressed.extend(sorted(silenced, key=lambda f: f.sort_key))


def _suppressed(finding: Finding, comments: _Comments) -> bool:
    hit = False
    for loc in (finding.location, *(r.location for r in finding.related)):
        comment = comments.at(loc)
        if comment is not None and (entry := comment.matches(finding.code)) is not None:
            comment.used.add(entry)
            hit = True
    return hit


def _per_plugin(report: Report) -> dict[tuple[str, str], tuple[str, ...]]:
    table: dict[tuple[str, str], tuple[str, ...]] = {}
    for contract in report.config.contracts:
        for plugin, codes in dict(contract.options.get(PER_PLUGIN_IGNORES, {})).items():
            table[contract.name, plugin] = tuple(codes)
    return table


def _ignored(finding: Finding, ignores: dict[tuple[str, str], tuple[str, ...]]) -> bool:
    codes = ignores.get((finding.contract, finding.plugin), ())
    return any(finding.code.startswith(c) for c in codes)


def _active(code: str, options: Options, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Whether rule ``code`` ran in this invocation (else its comment cannot be judged)."""
    rule = RULES.get(code)
    if rule is None or not is_selected(code, select, ignore):
        return False
    if rule.phase is Phase.DYNAMIC:
        return options.dynamic
    if code.startswith("PC2"):  # the mypy pass
        return options.mypy
    return options.static


def _unused(
    plugins: Iterable[Plugin],
    comments: _Comments,
    options: Options,
    select: Sequence[str],
    ignore: Sequence[str],
) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[Path] = set()
    for plugin in plugins:
        files = {*plugin.files, plugin.claim.path}
        for path in sorted({_absolute(p) for p in files}):
            if path in seen:
                continue
            seen.add(path)
            for comment in comments.of(path).values():
                findings.extend(_unused_entries(comment, plugin, options, select, ignore))
    return findings


def _unused_entries(
    comment: Suppression,
    plugin: Plugin,
    options: Options,
    select: Sequence[str],
    ignore: Sequence[str],
) -> Iterable[Finding]:
    if not comment.codes:
        if "" not in comment.used:
            yield PC901.at(
                plugin,
                comment.location,
                "`# plugcheck: ignore` silences nothing on this line",
                fix="remove the comment",
            )
        return
    for code in comment.codes:
        if code in comment.used:
            continue
        matching = [c for c in RULES if c.startswith(code)]
        if not matching:
            yield PC901.at(
                plugin,
                comment.location,
                f"`# plugcheck: ignore[{code}]` names no rule (see `plugcheck rules`)",
                fix=f"remove {code} from the comment or correct the code",
            )
        elif any(_active(c, options, select, ignore) for c in matching):
            yield PC901.at(
                plugin,
                comment.location,
                f"`# plugcheck: ignore[{code}]` silences nothing: no {code} finding on this line",
                fix=f"remove {code} from the comment",
            )
