"""Suppressions: ``# plugcheck: ignore[PCnnn]`` comments and per-plugin ignores in the contract.

Applied once, after every pass, so a comment silences findings of any pass (static, mypy,
harness). A comment counts on the finding's line or on one of its related locations (the
definition a finding points back to). A comment that silences nothing is itself reported
(PC901), but only for codes that ran in this invocation; so is a ``per-plugin-ignores`` entry
whose plugin ran and none of whose findings it silenced, or that names no plugin of a complete run.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import time
import tokenize
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plugcheck.atomic_json import write_json
from plugcheck.model import Contract, Finding, Location, Phase, Plugin, Severity
from plugcheck.options import Options
from plugcheck.passes import cache_root
from plugcheck.registry import RULES, is_selected, wanted
from plugcheck.rules.suppressions import PC901, PER_PLUGIN_IGNORES
from plugcheck.static.symbols import SUPPRESSION_MARK, Stamp
from plugcheck.untrusted import read_source, source_lines
from plugcheck.withdraw import readmitted

if TYPE_CHECKING:
    from plugcheck.run_report import Report

_MARK = SUPPRESSION_MARK
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
    """Suppression comments by file and line, each file read at most once.

    ``unmarked``: files the last run found without any ``plugcheck:`` (path -> device, inode,
    size, modification time), not read again while they stand so; :attr:`unmarked` becomes this
    run's (files modified less than :data:`SETTLED` seconds before are read again next time).
    ``parsed``: the files this run's parsing read (``ModuleIndex.stamps``), not read again
    while their status is the one they were read with."""

    def __init__(
        self, unmarked: dict[str, list[int]] | None = None, parsed: Mapping[str, Stamp] = {}
    ) -> None:
        self._files: dict[str, dict[int, Suppression]] = {}
        self._known = unmarked or {}
        self._parsed = parsed
        self.unmarked: dict[str, list[int]] = {}

    def at(self, loc: Location) -> Suppression | None:
        return self.of(loc.path).get(loc.line)

    def of(self, path: Path | str) -> dict[int, Suppression]:
        key = _absolute_text(path)
        found = self._files.get(key)
        if found is None:
            found = self._files[key] = self._read(key)
        return found

    def _read(self, path: str) -> dict[int, Suppression]:
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            return {}
        stamp = [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns]
        if self._known.get(path) == stamp:
            self.unmarked[path] = stamp
            return {}
        read = self._parsed.get(path)
        if read is not None and not read.marked and read.stands_for(info):
            found, read_ns = None, read.read_ns  # parsing read it after this status
        else:
            found, read_ns = _parse(path), time.time_ns()
        # Stat before reading: a later write changes what the next run sees.
        if found is None and read_ns - info.st_mtime_ns > SETTLED * 1e9:
            self.unmarked[path] = stamp
        return found or {}


SETTLED = 2.0
"""Seconds since its last modification after which a file's stamp is trusted to stand for the
content read."""


def _load_unmarked(path: Path | None) -> dict[str, list[int]]:
    """The files a run with the cache at ``path`` found without suppression comments."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_bytes())
        if isinstance(data, dict) and data.get("format") == _FORMAT:
            return {str(k): [int(n) for n in v] for k, v in data["unmarked"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return {}


def _save_unmarked(
    path: Path | None, before: dict[str, list[int]], now: dict[str, list[int]]
) -> None:
    if path is None or now == before:
        return
    with contextlib.suppress(OSError):
        write_json(path, {"format": _FORMAT, "unmarked": now})


_FORMAT = 1


def _absolute(path: Path) -> Path:
    """``path`` made absolute without touching the disk (``resolve()`` costs syscalls per part;
    plugcheck builds every location from the same absolute roots)."""
    return Path(_absolute_text(path))


def _absolute_text(path: Path | str) -> str:
    """:func:`_absolute`, as text (no ``Path`` made for each of a fleet's files)."""
    return os.path.normpath(os.path.abspath(path))


def _parse(text: str) -> dict[int, Suppression] | None:
    """The comments of file ``text`` (``None``: it holds no ``plugcheck:`` at all)."""
    try:
        data = read_source(text)
    except OSError:
        return {}
    if _MARK not in data:
        return None
    path = Path(text)
    source = _as_python_reads(data) if path.suffix == ".py" else None
    lines = source_lines(source or data.decode("utf-8", errors="replace"))
    comments = [
        (number, line.find("#"), line[line.find("#") :])
        for number, line in enumerate(lines, start=1)
        if "plugcheck:" in line and "#" in line
    ]
    if path.suffix == ".py" and not _plainly_comments(lines, comments):
        tokenized = _tokenized_comments(data) if source is None else _comments_of(source)
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
    r"""Whether each candidate ``#`` is surely a comment: no quote before it on its line, its line
    no continuation of the one above (a string ended by a backslash goes on there: ``"usage \``
    then ``# plugcheck: ignore"; raise ...`` silenced the raise, exit 0; red team red56), and
    outside any triple-quoted string. Otherwise the file is tokenized (the rare, slow path)."""
    for number, col, _ in comments:
        if "'" in lines[number - 1][:col] or '"' in lines[number - 1][:col]:
            return False
        if number > 1 and lines[number - 2].endswith("\\"):
            return False
        if not _outside_strings("\n".join(lines[: number - 1])):
            return False
    return True


_CLOSED = re.compile(
    r"""#[^\r\n]*|\"\"\"(?:\\.|[^\\])*?\"\"\"|'''(?:\\.|[^\\])*?'''"""
    r"""|"(?:\\.|[^"\\\r\n])*"|'(?:\\.|[^'\\\r\n])*'""",
    re.S,
)
"""A comment, or a string closed where it opens (triple-quoted, or on one line)."""
_F_STRINGS = tuple(f"{p}{q}" for p in ("f", "F", "fr", "fR", "Fr", "FR") for q in "\"'")
"""How an f-string opens (``rf"`` ends as ``f"`` does); a word that merely ends in f before a
quote only sends the file to the tokenizer."""


def _outside_strings(before: str) -> bool:
    """Whether the text ``before`` a line surely ends outside any string: with every comment
    and every closed string taken out, no quote is left (an open one would go on into the
    line), and no f-string, whose nested quotes (Python 3.12) a pattern cannot follow.
    Counting triple quotes was not enough: ``A = '\"\"\"'`` made the next ``\"\"\"`` look
    like a close, and a marker inside that string silenced the ``raise`` after it (exit 0;
    red team red56)."""
    if any(opening in before for opening in _F_STRINGS):
        return False
    rest = _CLOSED.sub("", before)
    return '"' not in rest and "'" not in rest


def _as_python_reads(data: bytes) -> str | None:
    """A Python file's text as the interpreter decodes it, where its coding cookie names
    another codec than UTF-8 (``None``: UTF-8, read as bytes). ``unicode_escape`` turns
    ``\\u000a`` in a comment into a line of its own: read as UTF-8, every comment after it sat
    one line below the code it then silenced, a ``raise`` by the comment on the line after it
    (exit 0; red team red56)."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        if encoding in ("utf-8", "utf-8-sig"):
            return None
        return data.decode(encoding, errors="replace")
    except (SyntaxError, LookupError, UnicodeDecodeError, ValueError):
        return None  # PC001's case: the import fails, whatever the comments say


def _comments_of(source: str) -> list[tuple[int, int, str]] | None:
    """Every comment of decoded Python ``source``, at the line Python gives it."""
    try:
        tokens = tokenize.generate_tokens(io.StringIO(source).readline)
        return [(t.start[0], t.start[1], t.string) for t in tokens if t.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError):
        return None


def _tokenized_comments(data: bytes) -> list[tuple[int, int, str]] | None:
    """Every comment of a Python file; ``None`` when it cannot be tokenized (PC001's case)."""
    try:
        tokens = tokenize.tokenize(io.BytesIO(data).readline)
        return [(t.start[0], t.start[1], t.string) for t in tokens if t.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError):
        return None


def apply_suppressions(report: Report, options: Options, parsed: Mapping[str, Stamp] = {}) -> None:
    """Move suppressed findings out of ``report.findings``; report unused comments (PC901).
    ``parsed``: the files the run's parsing read (``ModuleIndex.stamps``)."""
    root = cache_root(report.config, options)
    stamps = None if root is None else root / "comments.json"
    known = _load_unmarked(stamps)
    comments = _Comments(known, parsed)
    ignores = _per_plugin(report)
    used: set[tuple[str, str, str]] = set()
    kept: list[Finding] = []
    silenced: list[Finding] = []
    untrusted = _plugins_own(report.plugins) if options.untrusted_plugins else None
    refused: set[Location] = set()
    owners = _Owners(report.plugins)

    def sort(findings: Iterable[Finding]) -> None:
        for finding in findings:
            # both run: each marks its entries used
            suppressed = _suppressed(finding, comments, untrusted, refused, owners)
            if _ignored(finding, ignores, used) or suppressed:
                silenced.append(finding)
            else:
                kept.append(finding)

    sort(report.findings)
    # A silenced finding explains away no error: a real failure it had explained (the harness's
    # PC401 for the import PC543 predicted) is judged on its own, and stays unless a comment or
    # an ignore names its code too. Before, `# plugcheck: ignore[PC543]` dropped the real
    # import's KeyError with it and the run passed (red team red52). A warning stays explained:
    # silencing PC110 (work at import) accepts the PC412 (stdout written at import) it predicts.
    gone = [f for f in silenced if f.severity is Severity.ERROR] if report.explained else []
    while gone:
        report.findings[:] = kept
        back = readmitted(report, gone, gone_as="silenced by a suppression")
        back = [f for f in back if wanted(f.code, report.config, f.contract)]
        start = len(silenced)
        sort(back)
        gone = silenced[start:]
    if refused:
        count = len(refused)
        report.notes.append(
            f"--untrusted-plugins: {count} suppression comment{'s' if count != 1 else ''} in "
            "the plugins' own files silenced nothing (a plugin cannot silence its own findings; "
            "the contract's per-plugin-ignores can)"
        )
    if owners.refused:
        count = len(owners.refused)
        report.notes.append(
            f"{count} suppression comment{'s' if count != 1 else ''} in a plugin's files "
            "silenced nothing of another plugin's findings pointing there (a plugin silences "
            "only its own)"
        )
    config = report.config
    if is_selected(PC901.code, config.select, config.ignore):
        unused = [
            *(
                _unused(report.plugins, comments, options, config.select, config.ignore)
                if untrusted is None
                else ()
            ),
            *_unused_ignores(report, ignores, used, options),
        ]
        # A contract's own ignore of PC901 holds too (it applied to every other code).
        wanted_here = (f for f in unused if wanted(f.code, config, f.contract))
        kept.extend(f for f in wanted_here if not _ignored(f, ignores, used))
    report.findings[:] = kept
    if options.show_suppressed:
        report.suppressed.extend(sorted(silenced, key=lambda f: f.sort_key))
    _save_unmarked(stamps, known, comments.unmarked)


def _suppressed(
    finding: Finding,
    comments: _Comments,
    untrusted: _Own | None = None,
    refused: set[Location] | None = None,
    owners: _Owners | None = None,
) -> bool:
    """Whether a comment silences ``finding``; with ``untrusted`` (``--untrusted-plugins``) a
    comment in a plugin's own file does not, and its location is added to ``refused``; nor does
    one in another plugin's files (``owners``)."""
    hit = False
    for loc in (finding.location, *(r.location for r in finding.related)):
        comment = comments.at(loc)
        if comment is None or (entry := comment.matches(finding.code)) is None:
            continue
        if untrusted is not None and untrusted.holds(loc.path):
            if refused is not None:
                refused.add(comment.location)
            continue
        if owners is not None and owners.foreign(loc.path, finding):
            owners.refused.add(comment.location)
            continue
        comment.used.add(entry)
        hit = True
    return hit


class _Owners:
    """Which plugins' own files a comment is in. A finding that points into another plugin's
    file (PC007 at the entry a sibling registered first, PC003 at the other claimant) is not that
    plugin's to silence: fancy_md's ``# plugcheck: ignore`` at its own registration silenced
    plain_md's PC007, an import that fails in the host (red team red52)."""

    def __init__(self, plugins: Iterable[Plugin]) -> None:
        self._plugins = list(plugins)
        self._files: dict[str, set[tuple[str, str]]] | None = None
        self._trees: dict[str, set[tuple[str, str]]] = {}
        self.refused: set[Location] = set()

    def foreign(self, path: Path, finding: Finding) -> bool:
        """Whether ``path`` is some plugin's own and not ``finding``'s plugin's."""
        if self._files is None:  # built at the first comment that would silence a finding
            self._files = {}
            for plugin in self._plugins:
                key = (plugin.contract, plugin.reported_name)
                for file in (*plugin.files, plugin.claim.path, plugin.module_path):
                    if file is not None:
                        self._files.setdefault(_absolute_text(file), set()).add(key)
                if (tree := plugin.own_tree) is not None:
                    self._trees.setdefault(_absolute_text(tree), set()).add(key)
        text = _absolute_text(path)
        owners = set(self._files.get(text, ()))
        for folder in Path(text).parents:
            owners.update(self._trees.get(str(folder), ()))
        return bool(owners) and (finding.contract, finding.plugin) not in owners


class _Own:
    """The files and folders the checked plugins supply: their authors wrote any comment there."""

    def __init__(self, files: set[Path], folders: set[Path]) -> None:
        self._files, self._folders = files, folders

    def holds(self, path: Path) -> bool:
        path = _absolute(path)
        return path in self._files or any(path == f or f in path.parents for f in self._folders)


def _plugins_own(plugins: Iterable[Plugin]) -> _Own:
    files: set[Path] = set()
    folders: set[Path] = set()
    for plugin in plugins:
        files.update(_absolute(p) for p in (*plugin.files, plugin.claim.path))
        if plugin.module_path is not None:
            files.add(_absolute(plugin.module_path))
        for folder in (plugin.root, plugin.package_dir, plugin.import_root):
            if folder is not None:
                folders.add(_absolute(folder))
    return _Own(files, folders)


def _per_plugin(report: Report) -> dict[tuple[str, str], tuple[str, ...]]:
    table: dict[tuple[str, str], tuple[str, ...]] = {}
    for contract in report.config.contracts:
        for plugin, codes in dict(contract.options.get(PER_PLUGIN_IGNORES, {})).items():
            table[contract.name, plugin] = tuple(codes)
    return table


def _ignored(
    finding: Finding,
    ignores: dict[tuple[str, str], tuple[str, ...]],
    used: set[tuple[str, str, str]],
) -> bool:
    """Whether a per-plugin ignore silences ``finding``; records each entry that does."""
    key = (finding.contract, finding.plugin)
    hits = [c for c in ignores.get(key, ()) if finding.code.startswith(c)]
    used.update((*key, c) for c in hits)
    return bool(hits)


def _unused_ignores(
    report: Report,
    ignores: dict[tuple[str, str], tuple[str, ...]],
    used: set[tuple[str, str, str]],
    options: Options,
) -> Iterable[Finding]:
    """``per-plugin-ignores`` entries that silenced nothing: judged for plugins that ran (a code
    only when one of its rules ran); a name no plugin has only when every plugin was checked."""
    ran = {(p.contract, p.name) for p in report.plugins}
    complete = options.shard is None and not _explicit(report, options)
    contracts = {c.name: c for c in report.config.contracts}
    config = report.config
    for (contract_name, plugin), codes in sorted(ignores.items()):
        contract = contracts[contract_name]
        at = _entry_location(contract, plugin)
        if (contract_name, plugin) not in ran:
            if complete:
                yield _ignore_finding(
                    contract,
                    plugin,
                    at,
                    f"per-plugin-ignores names {plugin!r}, but contract {contract_name!r} has no "
                    "plugin of that name",
                    f"remove the {plugin!r} entry or correct the plugin name",
                )
            continue
        for code in codes:
            matching = [c for c in RULES if c.startswith(code)]
            if (contract_name, plugin, code) in used or not any(
                _active(c, options, config.select, config.ignore) for c in matching
            ):
                continue
            yield _ignore_finding(
                contract,
                plugin,
                at,
                f'per-plugin-ignores {plugin} = ["{code}"] silences nothing: {plugin} has no '
                f"{code} finding",
                f"remove {code!r} from the {plugin!r} entry",
            )


def _ignore_finding(
    contract: Contract, plugin: str, at: Location, message: str, fix: str
) -> Finding:
    return Finding(
        code=PC901.code,
        severity=PC901.severity,
        message=message,
        location=at,
        plugin=plugin,
        contract=contract.name,
        fix=fix,
    )


def _explicit(report: Report, options: Options) -> bool:
    """Whether the run checked plugin paths given on the command line (not the whole host)."""
    hosts = {
        report.config.source.parent.resolve(),
        *(c.root.resolve() for c in report.config.contracts),
    }
    # realpath, not resolve(): a named link loop (PC001) makes resolve() raise.
    return any(Path(os.path.realpath(path)) not in hosts for path in options.paths)


def _entry_location(contract: Contract, plugin: str) -> Location:
    """The line of ``plugin = [...]`` under ``per-plugin-ignores`` in the contract's file."""
    try:
        lines = contract.source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return Location(contract.source)
    key = re.compile(rf"""(?<![\w.-])["']?{re.escape(plugin)}["']?\s*=""")
    table = next((n for n, line in enumerate(lines) if f"contracts.{contract.name}" in line), 0)
    start = next(
        (n for n, line in enumerate(lines) if n >= table and PER_PLUGIN_IGNORES in line), None
    )
    for number, line in enumerate(lines[start:] if start is not None else [], start=start or 0):
        match = key.search(line)
        if match is not None:
            return Location(contract.source, number + 1, match.start() + 1)
    return Location(contract.source, (start or 0) + 1)


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
    seen: set[str] = set()
    for plugin in plugins:
        files = {*plugin.files, plugin.claim.path}
        for path in sorted({_absolute_text(p) for p in files}):
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
