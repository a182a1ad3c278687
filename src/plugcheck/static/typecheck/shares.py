"""Each plugin's share of the mypy pass's plan, kept per plugin: an unchanged plugin's targets,
the expressions that ask mypy about them, the modules it imports and its shim modules are reused
while nothing the planner read for it changed, so a rerun after one plugin's edit plans that
plugin alone (issue 18 item 2: planning every plugin again was most of such a rerun).

One file per plugin, ``<cache root>/mypy-plans/<key>/<plugin>.json``: the key changes with
plugcheck's version and code, the target environment and the contract; the file's name with the
plugin as discovered (its ``repr``, kept inside too). Inside: what planning the plugin observed,
as the pass's result cache keeps it (``reuse.Observed``: each file parsed and each module path
looked up, with its kind, size, modification and change time, and the entries of each folder a
module was looked for in), and the share. A share is reused only when every observation still
holds; one whose files were modified less than :data:`SETTLED` seconds before planning began is
not kept (an edit within the file system's timestamp granularity would go unseen). What a reused
share observed counts as observed by the run (the pass's result cache judges it next time too).
An unreadable or malformed file is planned again and rewritten.

A share's target ids and module aliases come from the plugin's own number (a digest of the
contract's name and the plugin's key), so a share is the same text whichever plugins come before
it, planned again or reused, with the cache or without.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plugcheck.atomic_json import write_json
from plugcheck.environment import Environment
from plugcheck.model import Contract, Location, Plugin, TypeRef
from plugcheck.static.index import Reads
from plugcheck.static.typecheck.recheck import BodyShim
from plugcheck.static.typecheck.reuse import Observed, Seen, folder_listing, still
from plugcheck.static.typecheck.targets import CheckModule, Target

FORMAT = 1
"""Bumped when the file's layout changes: an older file is then planned again."""

SETTLED = 2.0
"""Seconds since its last modification after which a file planning read is trusted to be the
file it read (its size and times stand for its content)."""

ID_SPACE = 1 << 20
"""Target ids per plugin: its ids are ``number * ID_SPACE`` onwards."""


@dataclass(slots=True)
class Share:
    """One plugin's part of a plan (``plan._check_module`` assembles them)."""

    number: int
    """The plugin's own number: its aliases are ``_p<number>``, its ids from ``number *
    ID_SPACE``."""
    planned: bool = True
    """``False``: its module does not parse, it has no share."""
    imports: list[tuple[str, str]] = field(default_factory=list)
    """(module, alias) the check module imports for it, in order."""
    checks: list[tuple[Target, str]] = field(default_factory=list)
    """Each target and the expression the check module passes (``""``: a body target)."""
    shims: list[CheckModule] = field(default_factory=list)
    registered: list[int] = field(default_factory=list)
    """Its targets the host accepts by an ABC's register() (``registered``)."""


def number_of(contract: Contract, plugin: Plugin, taken: set[int]) -> int:
    """The plugin's own number: a digest of the contract's name and the plugin's key, the next
    free one when another plugin of the run has it."""
    raw = json.dumps([contract.name, *plugin.key]).encode()
    number = int.from_bytes(hashlib.blake2b(raw, digest_size=6).digest(), "big")
    while number in taken:
        number += 1
    taken.add(number)
    return number


class Shares:
    """The kept shares of one run's contracts; ``get`` and ``put`` per plugin."""

    def __init__(self, root: Path, env: Environment, observed: Observed) -> None:
        from plugcheck._code_stamp import code_stamp

        self._root = root / "mypy-plans"
        self._base = [FORMAT, code_stamp(), dataclasses.asdict(env)]
        self._folders: dict[str, Path] = {}
        self.observed = observed
        """The run's observations (the pass's result cache): a share's are added to them."""
        self._checked = _Checked()
        self.started = time.time_ns()
        self.reused = 0

    def _path(self, contract: Contract, plugin: Plugin) -> Path:
        folder = self._folders.get(contract.name)
        if folder is None:
            raw = json.dumps([*self._base, repr(contract)], default=str, sort_keys=True)
            key = hashlib.sha256(raw.encode()).hexdigest()[:16]
            folder = self._folders[contract.name] = self._root / key
        name = hashlib.sha256(repr(plugin).encode()).hexdigest()[:24]
        return folder / f"{name}.json"

    def get(self, contract: Contract, plugin: Plugin, taken: set[int]) -> Share | None:
        """The plugin's kept share, when everything planning it observed still holds and its
        number is free in this run (it is then taken)."""
        try:
            data = json.loads(self._path(contract, plugin).read_bytes())
            if data.get("format") != FORMAT or data.get("plugin") != repr(plugin):
                return None
            paths: dict[str, Seen] = data["paths"]
            listed: dict[str, str | None] = data["listed"]
            if not self._checked.still(paths, listed):
                return None
            share = _share_of(data["share"], contract, plugin)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None  # no file, or not one of ours: planned again and rewritten
        if share.number in taken:
            return None
        taken.add(share.number)
        for path, seen in paths.items():
            self.observed.paths.setdefault(path, seen)
        for folder, digest in listed.items():
            self.observed.listed.setdefault(folder, digest)
        self.reused += 1
        return share

    def put(self, contract: Contract, plugin: Plugin, share: Share, reads: Reads) -> None:
        """Keep a share planned now, with what planning it read (never raises); what it read
        counts as observed by the run."""
        own = Observed()
        own.reads(reads)
        for path, seen in own.paths.items():
            self.observed.paths.setdefault(path, seen)
        for folder, digest in own.listed.items():
            self.observed.listed.setdefault(folder, digest)
        if any(s is not None and self.started - s[2] < SETTLED * 1e9 for s in own.paths.values()):
            return  # modified just before planning: its times may not tell the next edit
        data = {
            "format": FORMAT,
            "plugin": repr(plugin),
            "paths": own.paths,
            "listed": own.listed,
            "share": _share_data(share, contract, plugin),
        }
        with contextlib.suppress(OSError):
            write_json(self._path(contract, plugin), data)


class _Checked:
    """Each path's and folder's state, asked once per run (most plugins read the same host
    modules)."""

    def __init__(self) -> None:
        self._paths: dict[str, bool] = {}
        self._folders: dict[str, bool] = {}
        self._entries: dict[str, set[str]] = {}

    def still(self, paths: dict[str, Seen], listed: dict[str, str | None]) -> bool:
        for folder, digest in listed.items():
            same = self._folders.get(f"{folder}\0{digest}")
            if same is None:
                same, names = _listing_is(folder, digest)
                self._folders[f"{folder}\0{digest}"] = same
                if same and names is not None:
                    self._entries[folder] = names
            if not same:
                return False
        for path, seen in paths.items():
            known = self._paths.get(f"{path}\0{seen}")
            if known is None:
                known = self._paths[f"{path}\0{seen}"] = still({path: seen}, self._entries)
            if not known:
                return False
        return True


def _listing_is(folder: str, digest: str | None) -> tuple[bool, set[str] | None]:
    now, names = folder_listing(folder)
    return now == digest, set(names) if now is not None else None


def _location_data(loc: Location) -> list[Any]:
    return [str(loc.path), loc.line, loc.col, loc.end_line, loc.end_col]


@functools.lru_cache(maxsize=4096)
def _path(text: str) -> Path:
    """One ``Path`` per text (a plugin's targets are mostly in one file; making each was a
    third of reading a share)."""
    return Path(text)


def _location_of(raw: list[Any]) -> Location:
    path, line, col, end_line, end_col = raw
    return Location(_path(str(path)), int(line), int(col), end_line, end_col)


def _target_data(target: Target, contract: Contract, plugin: Plugin) -> dict[str, Any]:
    exports = contract.exports_of(plugin)
    expected = target.expected
    return {
        "id": target.id,
        "kind": target.kind,
        "name": target.name,
        "location": _location_data(target.location),
        "export": None if target.export is None else exports.index(target.export),
        "expected": None if expected is None else [expected.module, expected.name],
        "factory": target.factory,
        "via_class": target.via_class,
        "span": None
        if target.factory_span is None
        else [str(target.factory_span[0]), *target.factory_span[1:]],
        "redefined": target.redefined,
        "returns_judged": target.returns_judged,
        "member": target.member,
    }


def _target_of(raw: dict[str, Any], contract: Contract, plugin: Plugin) -> Target:
    exports = contract.exports_of(plugin)
    export = None if raw["export"] is None else exports[int(raw["export"])]
    expected = raw["expected"]
    span = raw["span"]
    kind = raw["kind"]
    if kind not in ("export", "lifecycle", "construct", "body"):
        raise ValueError(kind)
    return Target(
        int(raw["id"]),
        kind,
        plugin,
        contract,
        str(raw["name"]),
        _location_of(raw["location"]),
        export,
        None if expected is None else TypeRef(str(expected[0]), str(expected[1])),
        factory=raw["factory"],
        via_class=bool(raw["via_class"]),
        factory_span=None if span is None else (_path(str(span[0])), int(span[1]), int(span[2])),
        redefined=raw["redefined"],
        returns_judged=bool(raw["returns_judged"]),
        member=raw["member"],
    )


def _shim_data(shim: CheckModule) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": shim.name,
        "lines": shim.lines,
        "targets": [[line, t.id] for line, t in shim.line_targets.items()],
        "plugin_lines": sorted(shim.line_plugins),
        "types": [[line, text] for line, text in shim.line_types.items()],
    }
    if isinstance(shim, BodyShim):
        data["body"] = {
            "target": None if shim.target is None else shim.target.id,
            "own": shim.own,
            "host": shim.host,
            "passed": shim.passed,
            "length": shim.length,
            "first": shim.first,
            "spots": [[*spot, said, sorted(names)] for spot, (said, names) in shim.spots.items()],
        }
    return data


def _shim_of(raw: dict[str, Any], plugin: Plugin, targets: dict[int, Target]) -> CheckModule:
    body = raw.get("body")
    shim: CheckModule
    if body is None:
        shim = CheckModule(str(raw["name"]))
    else:
        shim = BodyShim(
            str(raw["name"]),
            target=None if body["target"] is None else targets[int(body["target"])],
            own=int(body["own"]),
            host=int(body["host"]),
            passed=int(body["passed"]),
            length=int(body["length"]),
            first=int(body["first"]),
            spots={
                (int(line), int(col)): (str(said), frozenset(map(str, names)))
                for line, col, said, names in body["spots"]
            },
        )
    shim.lines = [str(line) for line in raw["lines"]]
    shim.line_targets = {int(line): targets[int(i)] for line, i in raw["targets"]}
    shim.line_plugins = dict.fromkeys((int(line) for line in raw["plugin_lines"]), plugin)
    shim.line_types = {int(line): str(text) for line, text in raw["types"]}
    return shim


def _share_data(share: Share, contract: Contract, plugin: Plugin) -> dict[str, Any]:
    return {
        "number": share.number,
        "planned": share.planned,
        "imports": share.imports,
        "checks": [[_target_data(t, contract, plugin), expr] for t, expr in share.checks],
        "shims": [_shim_data(s) for s in share.shims],
        "registered": share.registered,
    }


def _share_of(raw: dict[str, Any], contract: Contract, plugin: Plugin) -> Share:
    checks = [(_target_of(t, contract, plugin), str(expr)) for t, expr in raw["checks"]]
    targets = {t.id: t for t, _ in checks}
    return Share(
        number=int(raw["number"]),
        planned=bool(raw["planned"]),
        imports=[(str(name), str(alias)) for name, alias in raw["imports"]],
        checks=checks,
        shims=[_shim_of(s, plugin, targets) for s in raw["shims"]],
        registered=[int(i) for i in raw["registered"]],
    )
