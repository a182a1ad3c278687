"""Discovery's result cache: an unchanged rerun takes a contract's plugins from the last run
instead of walking and reading their folders again.

One file per contract and target environment, ``<cache root>/discovery/<key>.json``; the key
changes with plugcheck's code, the target environment (``sys.path``, distributions, entry
points), the contract and the real path of its root. Inside: the plugins as found and a stamp
of everything discovery read to find them, taken after it ran:

* each folder a ``paths`` glob lists (down to the pattern's depth, every level for ``**``) and
  every folder below each match, and the folders between an import root and a plugin (where
  :func:`discovery.placement.dotted` looks for ``__init__.py``): device, inode, change time and
  modification time, which change when an entry is added, removed or renamed in it;
* the project files discovery reads (``pyproject.toml``, ``setup.cfg``, ``setup.py``) found in
  those folders, an entry point's ``entry_points.txt``, a compiled module it names: device,
  inode, size, change time and modification time;
* a ``.py`` module a glob lists or an entry point names: device, inode and file type only.
  Discovery never reads its text (a plugin's source is the passes' to judge, and their caches
  hash it), so an edit of it finds the same plugins; replacing or removing it changes its
  folder's stamp and its inode;
* each ``sys.path`` and ``search-path`` folder (an install or uninstall there changes the
  metadata a project's dynamic fields are read from).

The plugins are used while every stamped entry is as it was (each entry stat'ed again; what
stands for a folder's listing is its change and modification times, so a rerun needs no walk,
no listing and no glob; the change time because a modification time can be set back, ``touch
-d``, ``rsync -t``, ``tar``: a plugin added to a folder whose time was put back went
undiscovered, its findings with it) and no path discovery refused as a symbolic link has
become one. Nothing is cached (discovery runs every time) when a walk meets a symbolic link
(its target may change without any stamped folder changing), when it lists more than
:data:`MOST_FOLDERS` folders, or when anything stamped was modified less than
:data:`SETTLED` seconds before discovery started (an edit while it ran, or within the file
system's timestamp granularity, would go unseen). An unreadable or malformed file is ignored
and rewritten.
"""

from __future__ import annotations

import contextlib
import dataclasses
import glob
import hashlib
import json
import os
import stat
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from plugcheck._code_stamp import code_stamp
from plugcheck.atomic_json import write_json
from plugcheck.discovery import discover
from plugcheck.environment import Environment
from plugcheck.model import Contract, EntryPoint, Origin, Plugin, Project
from plugcheck.projectmeta import FILES
from plugcheck.untrusted import RealPaths

FORMAT = 6
"""Bumped when the file's layout changes: an older file is then ignored."""

SETTLED = 2.0
"""Seconds since its last modification after which an entry's stamp is trusted."""

MOST_FOLDERS = 50_000
"""Folders a stamp lists at most; a larger tree is discovered every time."""


class _Uncacheable(Exception):
    """The tree holds something a stamp cannot vouch for (a symbolic link, too many folders)."""


def cached_discover(
    contract: Contract, env: Environment, root: Path | None
) -> tuple[list[Plugin], bool]:
    """:func:`discovery.discover`, from the cache under ``root`` when nothing it read changed
    (``root`` ``None``: no cache); whether they came from the cache."""
    if root is None:
        return discover(contract, env), False
    path = root / "discovery" / f"{_key(contract, env)}.json"
    found = _load(path)
    if found is not None:
        stamp, tops, plugins = found
        if _unchanged(stamp, tops):
            return plugins, True
    started = time.time_ns()
    plugins = discover(contract, env)
    try:
        stamper = _stamp(contract, env, plugins)
    except _Uncacheable:
        return plugins, False
    if _settled(stamper.stamp, started):
        with contextlib.suppress(OSError):
            _save(path, stamper, plugins)
    return plugins, False


def _key(contract: Contract, env: Environment) -> str:
    raw = json.dumps(
        [
            FORMAT,
            code_stamp(),
            dataclasses.asdict(env),
            repr(contract),
            os.path.realpath(contract.root),
        ],
        default=str,
        sort_keys=True,
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


Stamp = dict[str, list[int]]


def _stamp(contract: Contract, env: Environment, plugins: Sequence[Plugin]) -> _Stamper:
    """What discovery read, stamped (raises :class:`_Uncacheable`)."""
    stamper = _Stamper()
    for folder in (*env.sys_path, *contract.search_path):
        stamper.folder(str(folder))
    for pattern in contract.paths:
        stamper.pattern(contract.root, pattern)
    real = RealPaths()
    roots = sorted({real.text(r) for r in (*contract.search_path, *env.sys_path)}, key=len)
    for plugin in plugins:
        if plugin.cut_off or plugin.outside:
            raise _Uncacheable(plugin.name)
        if plugin.origin is Origin.ENTRY_POINT:
            stamper.entry_point(plugin)
            continue
        stamper.walk(str(plugin.root))
        stamper.between(real.text(plugin.root), roots)
    return stamper


_FOLDER = 4
"""How long a folder's stamp is (a file's holds its size too)."""
_SOURCE = 3
"""How long a stamp of a ``.py`` module discovery does not read is (device, inode, file type)."""


def _unchanged(stamp: dict[str, Any], tops: list[Any]) -> bool:
    """Whether every stamped entry is as :class:`_Stamper` stamped it, and no path it refused
    as a symbolic link is one now (a stamp follows links: a link to the same file stamps as
    the file); ``False`` for a malformed stamp."""
    for path, was in stamp.items():
        try:
            info = os.stat(path)
        except (OSError, ValueError, TypeError):
            if was != []:
                return False
            continue
        if not isinstance(was, list):
            return False
        if len(was) == _FOLDER:
            if was != [info.st_dev, info.st_ino, info.st_ctime_ns, info.st_mtime_ns]:
                return False
        elif len(was) == _SOURCE:
            if was != [info.st_dev, info.st_ino, stat.S_IFMT(info.st_mode)]:
                return False
        elif was != [info.st_dev, info.st_ino, info.st_size, info.st_ctime_ns, info.st_mtime_ns]:
            return False  # a file, or nothing there before
    try:
        return not any(map(os.path.islink, tops))
    except TypeError:
        return False


class _Stamper:
    def __init__(self) -> None:
        self.stamp: Stamp = {}
        self.tops: list[str] = []
        """The paths :meth:`entry` refused as symbolic links (a walk's tops): a rerun asks
        again (a link whose target's stamp is the file's is otherwise the file)."""
        self._walked: set[str] = set()

    def pattern(self, root: Path, pattern: str) -> None:
        """The folders the glob ``root / pattern`` lists, and every match's tree."""
        parts = Path(pattern).parts
        magic = [i for i, part in enumerate(parts) if glob.has_magic(part)]
        if not magic:
            self.walk(str(root / pattern))
            return
        if "**" in parts:
            self.walk(str(root.joinpath(*parts[: magic[0]])))
            return
        # Each level the pattern's wildcards list, then everything below a match.
        for i in magic:
            for listed in glob.glob(str(root.joinpath(*parts[:i]))) if i else [str(root)]:
                self.folder(listed)
        for match in glob.glob(str(root / pattern)):
            self.walk(match)

    def walk(self, top: str) -> None:
        """``top`` and, when a folder, every folder below it and the project files in them."""
        if top in self._walked:
            return  # a glob's match is a plugin's root too
        self._walked.add(top)
        self.entry(top)
        todo = [top] if len(self.stamp[top]) == _FOLDER else []
        while todo:
            current = todo.pop()
            self.folder(current)
            try:
                with os.scandir(current) as listing:
                    entries = list(listing)
            except OSError:
                continue
            for entry in entries:
                if entry.is_symlink():
                    raise _Uncacheable(entry.path)
                if entry.is_dir(follow_symlinks=False):
                    todo.append(entry.path)
                elif entry.name in FILES:
                    self.file(entry.path)
            if len(self.stamp) > MOST_FOLDERS:
                raise _Uncacheable(top)

    def between(self, where: str, roots: Sequence[str]) -> None:
        """The folders from the outermost import root holding ``where`` (real paths) down to
        it: :func:`discovery.placement.dotted` asks each root's folder on the way if it is a
        package."""
        for root in roots:
            if where.startswith(os.path.join(root, "")):
                current = os.path.dirname(where)
                while len(current) > len(root):
                    self.folder(current)
                    current = os.path.dirname(current)
                return

    def entry_point(self, plugin: Plugin) -> None:
        entry_point = plugin.entry_point
        if entry_point is not None and entry_point.source is not None:
            self.file(str(entry_point.source))
            self.folder(str(entry_point.source.parent))
        module = plugin.module_path
        if module is not None:
            self.entry(str(module))
            self.folder(os.path.dirname(module))
            if module.name == "__init__.py":
                self.walk(str(module.parent))

    def entry(self, path: str) -> None:
        """A path's own stamp, whether a file, a folder or nothing; a symbolic link is refused."""
        if os.path.islink(path):
            raise _Uncacheable(path)
        self.tops.append(path)
        if os.path.isdir(path):
            self.folder(path)
        elif path.endswith(".py"):
            self.source(path)
        else:
            self.file(path)

    def folder(self, path: str) -> None:
        """A folder: device, inode, change and modification times (``[]``: none there)."""
        self._stat(path, folder=True)

    def file(self, path: str) -> None:
        """A file: device, inode, size, change and modification times (``[]``: none there)."""
        self._stat(path, folder=False)

    def source(self, path: str) -> None:
        """A ``.py`` module discovery lists but never reads: device, inode and file type (a FIFO
        named like a module is a plugin too, PC001); its content and times are not discovery's
        (``[]``: none there)."""
        self._stat(path, folder=False, source=True)

    def _stat(self, path: str, *, folder: bool, source: bool = False) -> None:
        if path in self.stamp:
            return
        try:
            info = os.stat(path)
        except OSError:
            self.stamp[path] = []
            return
        if source:
            self.stamp[path] = [info.st_dev, info.st_ino, stat.S_IFMT(info.st_mode)]
            return
        sized = [] if folder else [info.st_size]
        # The modification time last: what _settled judges.
        self.stamp[path] = [info.st_dev, info.st_ino, *sized, info.st_ctime_ns, info.st_mtime_ns]


def _settled(stamp: Stamp, started: int) -> bool:
    """Whether everything stamped was last modified :data:`SETTLED` seconds before discovery
    started (what changed while it ran, or just before, may differ from what it read)."""
    return all(
        not found or len(found) == _SOURCE or started - found[-1] > SETTLED * 1e9
        for found in stamp.values()
    )


def _load(path: Path) -> tuple[dict[str, Any], list[Any], list[Plugin]] | None:
    """The stamp, the tops and the plugins a file holds (the stamp and the tops as JSON has
    them: :func:`_unchanged` judges them)."""
    try:
        data = json.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        stamp, tops = data["stamp"], data["tops"]
        if not isinstance(stamp, dict) or not isinstance(tops, list):
            return None
        paths = _Paths()
        return stamp, tops, [plugin_of(p, paths) for p in data["plugins"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _save(path: Path, stamper: _Stamper, plugins: Sequence[Plugin]) -> None:
    data = {
        "format": FORMAT,
        "stamp": stamper.stamp,
        "tops": stamper.tops,
        "plugins": [plugin_data(p) for p in plugins],
    }
    write_json(path, data)


class _Paths:
    """``Path`` of each text once (most plugins share their import root; a single-module
    plugin's root, module and file are one path)."""

    def __init__(self) -> None:
        self._made: dict[str, Path] = {}

    def __call__(self, raw: object) -> Path:
        text = str(raw)
        made = self._made.get(text)
        if made is None:
            made = self._made[text] = Path(text)
        return made

    def optional(self, raw: object) -> Path | None:
        return None if raw is None else self(raw)


def _text(path: Path | None) -> str | None:
    return None if path is None else str(path)


def plugin_data(plugin: Plugin) -> dict[str, Any]:
    """``plugin`` as JSON data (:func:`plugin_of` reads it back)."""
    project, entry_point = plugin.project, plugin.entry_point
    return {
        "name": plugin.name,
        "contract": plugin.contract,
        "origin": plugin.origin.value,
        "root": str(plugin.root),
        "module": plugin.module,
        "module_path": _text(plugin.module_path),
        "import_root": _text(plugin.import_root),
        "files": [str(f) for f in plugin.files],
        "project": None
        if project is None
        else [
            project.name,
            project.version,
            list(project.requires),
            list(project.dynamic),
            _text(project.source),
            project.name_line,
        ],
        "entry_point": None
        if entry_point is None
        else [
            entry_point.name,
            entry_point.group,
            entry_point.value,
            entry_point.distribution,
            _text(entry_point.source),
            entry_point.line,
        ],
        "outside": [[str(a), str(b)] for a, b in plugin.outside],
        "cut_off": [[str(a), why] for a, why in plugin.cut_off],
        "package_dir": _text(plugin.package_dir),
        "namespace_package": plugin.namespace_package,
    }


def plugin_of(raw: dict[str, Any], paths: _Paths | None = None) -> Plugin:
    """The plugin :func:`plugin_data` wrote (``paths``: shared with other plugins read)."""
    path = paths or _Paths()
    _path = path.optional
    project = raw["project"]
    entry_point = raw["entry_point"]
    return Plugin(
        name=str(raw["name"]),
        contract=str(raw["contract"]),
        origin=Origin(raw["origin"]),
        root=path(raw["root"]),
        module=str(raw["module"]),
        module_path=_path(raw["module_path"]),
        import_root=_path(raw["import_root"]),
        files=tuple(path(f) for f in raw["files"]),
        project=None
        if project is None
        else Project(
            name=str(project[0]),
            version=None if project[1] is None else str(project[1]),
            requires=tuple(str(r) for r in project[2]),
            dynamic=tuple(str(d) for d in project[3]),
            source=_path(project[4]),
            name_line=int(project[5]),
        ),
        entry_point=None
        if entry_point is None
        else EntryPoint(
            name=str(entry_point[0]),
            group=str(entry_point[1]),
            value=str(entry_point[2]),
            distribution=None if entry_point[3] is None else str(entry_point[3]),
            source=_path(entry_point[4]),
            line=int(entry_point[5]),
        ),
        outside=tuple((path(a), path(b)) for a, b in raw["outside"]),
        cut_off=tuple((path(a), str(why)) for a, why in raw["cut_off"]),
        package_dir=_path(raw["package_dir"]),
        namespace_package=raw["namespace_package"] is True,
    )
