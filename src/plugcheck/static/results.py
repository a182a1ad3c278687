"""The static pass's result cache: a plugin's findings are reused while nothing they came from
changed (like ruff's cache, but a plugin's checks read more than its own files).

One file per contract and target environment, ``<cache root>/static/<key>.json``; the key
changes with plugcheck's version and code, the target environment (interpreter, paths, installed
distributions and entry points), the contract and the rule selection. Inside, per plugin:
what discovery said about it, the content hash of every file its checks parsed (its own, the
host's, a sibling's), where its imports were looked for and what was found (a module added
there may change a lookup), whether each environment variable its checks asked about was set,
the run's facts they depended on (which plugins the contract has), a stamp of its own directory
tree, its findings and notes, and what the checks that judge plugins against each other
gathered from it (PC007's registrations). A plugin is checked again when any of these differs;
an unreadable or corrupt file is discarded.

A file's hash is kept beside its size, modification time and change time (``stats``): a rerun
reads and hashes only the files where one of them changed (mypy and ruff trust the first two;
a modification time can be set back, by ``rsync -t``, ``tar`` or ``touch -d``, the change time
only moves), and a file modified less than :data:`SETTLED` seconds before it was hashed is
hashed again next time (an edit within the file system's timestamp granularity would otherwise
go unseen).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plugcheck.atomic_json import write_json
from plugcheck.environment import Environment
from plugcheck.model import (
    Applicability,
    Autofix,
    Contract,
    Edit,
    Finding,
    Location,
    Partial,
    Plugin,
    Related,
    Severity,
)
from plugcheck.static import tree_stamp
from plugcheck.static.index import Reads
from plugcheck.static.symbols import Stamp, content_hash
from plugcheck.untrusted import read_source

FORMAT = 10
"""Bumped when the file's layout changes: an older file is then discarded."""

SETTLED = 2.0
"""Seconds since its last modification after which a file's size and modification time are
trusted to stand for the content hashed."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One plugin's cached result (what it was made from is judged on the file's own data)."""

    findings: list[Finding]
    notes: list[str]
    gathered: dict[str, list[Any]]
    """What each check across plugins gathered from this one (``Check.gather``), by name."""


@dataclass(slots=True)
class Probe:
    """Reads the file system once per run for every validation (files, directories, trees)."""

    hashes: dict[str, str] = field(default_factory=dict)
    listings: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    trees: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    statted: dict[str, os.stat_result] = field(default_factory=dict)
    """Files the last tree judged stat'ed (each is then not stat'ed again to be hashed)."""
    modules: dict[str, str] = field(default_factory=dict)
    known: dict[str, list[Any]] = field(default_factory=dict)
    """Path -> [size, mtime in ns, ctime in ns, hash] as the last run saw it (the cache file's
    ``stats``)."""
    stats: dict[str, list[Any]] = field(default_factory=dict)
    """The same for this run's files whose modification had settled (saved for the next)."""
    learned: bool = False
    """Whether ``stats`` holds a file ``known`` did not (the cache file is then rewritten)."""
    trust_stats: bool = True
    """Whether ``known`` stands for a file whose size and times it has; not under
    ``--untrusted-plugins`` (every file is hashed)."""
    read: Mapping[str, Stamp] = field(default_factory=dict)
    """The files this run's parsing read (``ModuleIndex.stamps``): hashed from those bytes
    while the file's size and modification time are still those it was read with."""

    def file(self, path: str) -> str:
        found = self.hashes.get(path)
        if found is None:
            found = self.hashes[path] = self._hash(path)
        return found

    def _hash(self, path: str) -> str:
        info = self.statted.pop(path, None)
        if info is None:
            try:
                info = os.stat(path)
            except (OSError, ValueError):
                return ""
        size, mtime, changed = info.st_size, info.st_mtime_ns, info.st_ctime_ns
        known = self.known.get(path) if self.trust_stats else None
        if known is not None and known[:3] == [size, mtime, changed]:
            self.stats[path] = known
            return str(known[3])
        parsed = self.read.get(path)
        if parsed is not None and parsed.stands_for(info):
            digest, read_ns = parsed.digest, parsed.read_ns  # stat taken before that read
        else:
            try:
                data = read_source(Path(path))  # what parsing read: unreadable alike
            except OSError:
                return ""
            digest, read_ns = content_hash(data), time.time_ns()
        # Stat before reading: a later write changes what the next run sees.
        if read_ns - mtime > SETTLED * 1e9:
            self.stats[path] = [size, mtime, changed, digest]
            self.learned = True
        return digest

    def module(self, base: str) -> str:
        """The entries named ``name`` or ``name.*`` next to ``base`` = ``dir/name``, and
        whether a directory ``name`` is a package."""
        found = self.modules.get(base)
        if found is None:
            found = self.modules[base] = self._module(base)
        return found

    def _module(self, base: str) -> str:
        directory, name = os.path.split(base)
        if directory not in self.listings:
            by_stem: dict[str, list[str]] = {}
            try:
                for entry in sorted(os.listdir(directory)):
                    by_stem.setdefault(entry.partition(".")[0], []).append(entry)
            except OSError:
                pass
            self.listings[directory] = by_stem
        there = self.listings[directory].get(name, [])
        package = name in there and os.path.isfile(os.path.join(base, "__init__.py"))
        return "/".join(there) + ("/__init__.py" if package else "")

    def tree(self, root: Path | None) -> dict[str, Any] | None:
        """The stamp of the plugin's own tree under ``root`` (``tree_stamp``), once a run."""
        if root is None:
            return None
        key = str(root)
        if key not in self.trees:
            self.trees[key] = tree_stamp.stamp(key, {})
        return self.trees[key]

    def same_tree(self, was: Any, root: Path | None) -> bool:
        """Whether the tree under ``root`` is as the stamp ``was`` has it (``tree_stamp``);
        its files' stats stand for them in the hashing that follows at once."""
        self.statted.clear()
        return tree_stamp.unchanged(was, None if root is None else str(root), self.statted)


class ResultCache:
    """The cached results of one contract's plugins; ``load``, ``get``/``put``, ``save``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, dict[str, Any]] = {}
        self._shared: dict[str, dict[str, Any]] = {}
        self._valid: dict[str, bool] = {}
        """Shared values' reads as the file had them, checked in this run: name -> unchanged.
        A value made again in this run (``_remade``) keeps the answer its old reads gave: the
        entries that name it came from the old value."""
        self._remade: set[str] = set()
        self._put: set[str] = set()
        """The plugins whose entries this run wrote."""
        self._probe = Probe()
        self.facts: Mapping[str, str] = {}
        """The run's facts (``ModuleIndex.facts``), which entries that depend on them must
        match."""
        self._dirty = False
        self.reused = 0

    def load(self) -> str | None:
        """Read the file; the reason when it was unusable and was discarded."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            return self._discard(exc.strerror or str(exc))
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                return self._discard("not a cache file of this plugcheck")
            entries, shared, stats = data["plugins"], data["shared"], data["stats"]
            if not all(
                isinstance(table, dict) and all(isinstance(e, dict) for e in table.values())
                for table in (entries, shared)
            ) or not _stats(stats):
                return self._discard("malformed")
        except (ValueError, KeyError, TypeError) as exc:
            return self._discard(f"corrupt: {type(exc).__name__}")
        self._entries, self._shared, self._probe.known = entries, shared, stats
        return None

    def _discard(self, reason: str) -> str:
        self._entries, self._shared = {}, {}
        self._dirty = True
        with contextlib.suppress(OSError):
            self.path.unlink()
        return f"discarded the static result cache {self.path} ({reason}) and rebuilt it"

    def get(self, plugin: Plugin) -> Entry | None:
        """The plugin's cached result, when nothing it was made from changed (it is then
        counted as reused)."""
        entry = self.valid(plugin)
        if entry is not None:
            self.reused += 1
        return entry

    def valid(self, plugin: Plugin) -> Entry | None:
        """:meth:`get` without counting it: another shard's plugin, read for what it gathered."""
        raw = self._entries.get(_key(plugin))
        if raw is None:
            return None
        try:
            if (
                raw["plugin"] != repr(plugin)
                or not self._probe.same_tree(raw["tree"], plugin.own_tree)
                or not self._reads_unchanged(raw)
            ):
                return None
            return _entry(raw)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None  # a malformed entry is checked again and overwritten

    def _unchanged(
        self,
        files: Mapping[str, str],
        lookups: Mapping[str, str],
        shared: Iterable[str],
        environ: Mapping[str, bool] = {},
        facts: Mapping[str, str] = {},
    ) -> bool:
        # Plain loops: a warm rerun asks this for every plugin and every shared value (about
        # ten thousand at 1,000 plugins), where the generators were a tenth of the run.
        for name, was in environ.items():
            if (name in os.environ) != bool(was):
                return False
        run_facts = self.facts
        for fact, value in facts.items():
            if run_facts.get(fact, "") != value:
                return False
        file, module = self._probe.file, self._probe.module
        for path, digest in files.items():
            if file(path) != digest:
                return False
        for base, found in lookups.items():
            if module(base) != found:
                return False
        return all(map(self._shared_unchanged, shared))

    def _shared_unchanged(self, name: str) -> bool:
        known = self._valid.get(name)
        if known is not None:  # judged once a run, by the reads the file had
            return known
        self._valid[name] = False  # a cycle of names is no proof of anything
        raw = self._shared.get(name)
        if raw is None:
            return False
        with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
            self._valid[name] = self._reads_unchanged(raw)
        return self._valid[name]

    def _reads_unchanged(self, raw: Mapping[str, Any]) -> bool:
        """Whether the reads an entry or a shared value keeps (``_reads``) still hold. JSON's
        own dicts and list as they are: a key is a string, and a value of another type
        compares unequal (the value is then not unchanged); raises ``KeyError``,
        ``TypeError`` on a malformed one."""
        files, lookups, shared, environ, facts = (
            raw["files"],
            raw["lookups"],
            raw["shared"],
            raw["environ"],
            raw["facts"],
        )
        if not (
            isinstance(files, dict)
            and isinstance(lookups, dict)
            and isinstance(shared, list)
            and isinstance(environ, dict)
            and isinstance(facts, dict)
        ):
            return False
        return self._unchanged(files, lookups, shared, environ, facts)

    def hash_as_read(self, stamps: Mapping[str, Stamp], *, trust_stats: bool = True) -> None:
        """Hash the files parsing read from the bytes it read (``ModuleIndex.stamps``); without
        ``trust_stats``, every other file too (:attr:`Probe.trust_stats`)."""
        self._probe.read = stamps
        self._probe.trust_stats = trust_stats

    def put(
        self,
        plugin: Plugin,
        reads: Reads,
        findings: list[Finding],
        notes: list[str],
        gathered: dict[str, list[Any]],
    ) -> None:
        self._dirty = True
        read = self._reads(reads)
        # A fix's positions hold only for the text it was made from: the files it edits are
        # part of what the result came from.
        for f in findings:
            for edit in f.autofix.edits if f.autofix else ():
                read["files"][str(edit.path)] = self._probe.file(str(edit.path))
        self._put.add(_key(plugin))
        self._entries[_key(plugin)] = {
            "plugin": repr(plugin),
            **read,
            "tree": self._probe.tree(plugin.own_tree),
            "findings": [finding_data(f) for f in findings],
            # A note's kind is what the summary reads (a Partial is named by a passing one).
            "notes": [{"partial": n} if isinstance(n, Partial) else n for n in notes],
            "gathered": gathered,
        }

    def _reads(self, reads: Reads) -> dict[str, Any]:
        probe = self._probe
        for name, made in reads.shared.items():
            # Judged before it is replaced: before, the value made again here (a sibling's
            # file changed, the hookspecs it adds) was the one every older entry was then
            # judged by, and a plugin whose result came from the old value was reused as
            # unchanged (red team red54: listener's PC501 lost for a hook extender no longer
            # adds).
            if name not in self._remade and not self._shared_unchanged(name):
                self._shared[name] = self._reads(made)
            self._remade.add(name)
        # Sorted as strings: comparing Paths was most of this (85 lookups a plugin on the
        # bench fleet); the order only fixes the file's layout, never what is compared.
        return {
            "files": {p: probe.file(p) for p in sorted(map(str, reads.files))},
            "lookups": {b: probe.module(b) for b in sorted(map(str, reads.lookups))},
            "shared": sorted(reads.shared),
            "environ": {n: n in os.environ for n in sorted(reads.environ)},
            "facts": {n: self.facts.get(n, "") for n in sorted(reads.facts)},
        }

    def forget(self, plugin: Plugin) -> None:
        """A plugin whose checks crashed is not cached: the next run tries again."""
        self._dirty = self._entries.pop(_key(plugin), None) is not None or self._dirty

    def save(self, plugins: Iterable[Plugin]) -> None:
        """Write the entries of ``plugins`` and of other plugins still on disk (another shard's),
        atomically, unless nothing changed. Raises ``OSError``."""
        if not self._dirty and not self._probe.learned:
            return
        current = {_key(p) for p in plugins}
        # Another shard's entry made from a shared value this run made again after a change
        # would be judged by the new value's reads next time: it goes.
        changed = {n for n in self._remade if not self._valid.get(n, False)}
        kept = {
            k: v
            for k, v in self._entries.items()
            if (k in current or os.path.exists(k.split("\0")[1]))
            and (k in self._put or not changed.intersection(_names(v)))
        }
        self._fold(kept)
        used: set[str] = set()
        todo = [n for e in kept.values() for n in _names(e)]
        while todo:
            name = todo.pop()
            if name not in used and name in self._shared:
                used.add(name)
                todo.extend(_names(self._shared[name]))
        shared = {n: self._shared[n] for n in sorted(used)}
        stats = self._probe.stats  # the files of this run's checks, as they were
        write_json(self.path, {"format": FORMAT, "plugins": kept, "shared": shared, "stats": stats})

    def _fold(self, entries: dict[str, dict[str, Any]]) -> None:
        """Fold each shared value that one entry alone reaches into that entry, when this run
        wrote it: most values are about one plugin (its import walk, ``("import walk",
        contract, plugin.key)``), and a warm rerun judged each of them apart, about ten a
        plugin, where the entry's own files and lookups were mostly the same ones. The folded
        reads are those the entry's findings came from, so it is never judged by another
        value's; a value that does not fold stays in the table with what it names."""
        owner: dict[str, str | None] = {}  # the one entry reaching a value, None: several
        for key, entry in entries.items():
            seen: set[str] = set()
            todo = list(_names(entry))
            while todo:
                name = todo.pop()
                if name not in seen:
                    seen.add(name)
                    owner[name] = key if owner.get(name, key) == key else None
                    todo.extend(_names(self._shared.get(name, {})))
        for key in self._put.intersection(entries):
            entry = entries[key]
            folded = {part: dict(entry[part]) for part in _FOLDED}
            keep: set[str] = set()
            todo = list(_names(entry))
            while todo:
                name = todo.pop()
                value = self._shared.get(name)
                if owner.get(name) != key or value is None or not _fits(folded, value):
                    keep.add(name)
                    continue
                for part in _FOLDED:
                    folded[part].update(value[part])
                todo.extend(_names(value))
            entries[key] = {**entry, **folded, "shared": sorted(keep)}


_FOLDED = ("files", "lookups", "environ", "facts")
"""The parts of what an entry was made from that are tables (``Reads``, as ``_reads`` keeps)."""


def _names(reads: Mapping[str, Any]) -> list[str]:
    """The shared values an entry or a value names (none when malformed: another run's)."""
    names = reads.get("shared")
    return names if isinstance(names, list) and all(isinstance(n, str) for n in names) else []


def _fits(folded: Mapping[str, dict[str, Any]], value: Mapping[str, Any]) -> bool:
    """Whether ``value``'s reads are well formed and agree with ``folded`` where both have a
    path (a file hashed once a run always does; a value of another run may not)."""
    for part in _FOLDED:
        table = value.get(part)
        if not isinstance(table, dict):
            return False
        have = folded[part]
        for name, said in table.items():
            if have.get(name, said) != said:
                return False
    return True


def cache_file(
    root: Path,
    env: Environment,
    contract: Contract,
    selection: Sequence[object],
) -> Path:
    """Where the results of ``contract``'s plugins in ``env`` live under cache ``root``."""
    from plugcheck._code_stamp import code_stamp

    raw = json.dumps(
        [FORMAT, code_stamp(), dataclasses.asdict(env), repr(contract), list(selection)],
        default=str,
        sort_keys=True,
    )
    key = hashlib.sha256(raw.encode()).hexdigest()[:16]
    return root / "static" / f"{key}.json"


def _stats(table: object) -> bool:
    """Whether ``table`` is a ``stats`` table: path -> [size, mtime in ns, ctime in ns, hash]."""
    return isinstance(table, dict) and all(
        isinstance(v, list)
        and len(v) == 4
        and all(type(n) is int for n in v[:3])
        and isinstance(v[3], str)
        for v in table.values()
    )


def _key(plugin: Plugin) -> str:
    contract, where = plugin.key
    return f"{contract}\0{os.path.abspath(where)}"


def _location(loc: Location) -> list[Any]:
    return [str(loc.path), loc.line, loc.col, loc.end_line, loc.end_col]


def _location_of(raw: list[Any]) -> Location:
    path, line, col, end_line, end_col = raw
    return Location(Path(path), int(line), int(col), end_line, end_col)


def finding_data(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "severity": f.severity.value,
        "message": f.message,
        "location": _location(f.location),
        "plugin": f.plugin,
        "contract": f.contract,
        "fix": f.fix,
        "related": [[_location(r.location), r.message] for r in f.related],
        "subject": f.subject,
        "step": f.step,
        "autofix": None
        if f.autofix is None
        else {
            "message": f.autofix.message,
            "applicability": f.autofix.applicability.value,
            "edits": [
                [str(e.path), e.line, e.col, e.end_line, e.end_col, e.content]
                for e in f.autofix.edits
            ],
        },
    }


def _autofix(raw: dict[str, Any] | None) -> Autofix | None:
    if raw is None:
        return None
    edits = tuple(
        Edit(Path(path), int(line), int(col), int(end_line), int(end_col), str(content))
        for path, line, col, end_line, end_col, content in raw["edits"]
    )
    return Autofix(str(raw["message"]), Applicability(raw["applicability"]), edits)


def finding_of(f: dict[str, Any]) -> Finding:
    """The finding :func:`finding_data` wrote."""
    return Finding(
        code=f["code"],
        severity=Severity(f["severity"]),
        message=f["message"],
        location=_location_of(f["location"]),
        plugin=f["plugin"],
        contract=f["contract"],
        fix=f["fix"],
        related=tuple(Related(_location_of(loc), msg) for loc, msg in f["related"]),
        subject=f["subject"],
        autofix=_autofix(f["autofix"]),
        step=f["step"],
    )


def _entry(raw: dict[str, Any]) -> Entry:
    return Entry(
        findings=[finding_of(f) for f in raw["findings"]],
        notes=[Partial(n["partial"]) if isinstance(n, dict) else str(n) for n in raw["notes"]],
        gathered={str(k): list(v) for k, v in raw["gathered"].items()},
    )
