"""Suppressions: ``# plugcheck: ignore[PCnnn]`` comments and per-plugin ignores in the contract.

Applied once, after every pass, so a comment silences findings of any pass (static, mypy,
harness). A comment counts on the finding's line or on one of its related locations (the
definition a finding points back to). A comment that silences nothing is itself reported
(PC901), but only for codes that ran in this invocation.
"""

from __future__ import annotations

import io
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
        key = path.resolve()
        if key not in self._files:
            self._files[key] = _parse(key)
        return self._files[key]


def _parse(path: Path) -> dict[int, Suppression]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    if _MARK not in data:
        return {}
    comments: list[tuple[int, int, str]] = []
    if path.suffix == ".py":
        try:
            tokens = tokenize.tokenize(io.BytesIO(data).readline)
            comments = [
                (t.start[0], t.start[1], t.string) for t in tokens if t.type == tokenize.COMMENT
            ]
        except (tokenize.TokenError, SyntaxError, UnicodeDecodeError):
            comments = []
    if not comments:  # not Python (pyproject.toml, METADATA) or not tokenizable
        text = data.decode("utf-8", errors="replace")
        for number, source in enumerate(text.splitlines(), start=1):
            if (col := source.find("#")) >= 0:
                comments.append((number, col, source[col:]))
    found: dict[int, Suppression] = {}
    for line, col, comment in comments:
        match = _COMMENT.search(comment)
        if match is None:
            continue
        raw = match.group(1) or ""
        codes = tuple(c.strip().upper() for c in raw.split(",") if c.strip())
        found[line] = Suppression(Location(path, line, col + 1 + match.start()), codes)
    return found


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
        for path in sorted(p.resolve() for p in files if p.is_file()):
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
