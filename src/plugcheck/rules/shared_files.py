"""PC355: two installed distributions list the same file in their RECORD, inside the package a
plugin's entry point points into (pybtex-apa-style and pybtex-apa7-style both install top-level
``formatting``, ``labels`` and ``names``): the one installed last overwrote the other's files.

Read from the target environment's ``*.dist-info/RECORD`` files (on its ``sys_path``), and
for distributions installed the older way from their ``*.egg-info/installed-files.txt`` (or,
without it, the ``SOURCES.txt`` paths present under the same directory), which list paths but no
hashes. Two records listing a path with the same hash (an identical ``__init__.py`` of a pkgutil
namespace) clash in nothing. For a clash, the file on disk tells which distribution won: a plugin
whose entry point module's package holds a file of another distribution's content loads that
code (error); the one whose content is there works until the other is reinstalled or either is
uninstalled (which removes the shared file): a warning. A lost helper module the plugin's own
modules only import names from, all defined in the copy on disk (Sceptre's ssm and kms
resolvers' ``resolver/exceptions.py``, differing in a docstring), is a warning too
(``borrowed_names``). Without a hash on one side, an ``__init__.py`` is no clash (it may be an
identical namespace file); the other files clash by presence, an error only where the other
distribution's hash matches the file on disk, and a warning where the winner cannot be told
(neither hash is on disk, or neither side has one).
An ``__init__.py`` whose copy on disk is only a pkgutil/pkg_resources namespace shim is shared
by design (keyrings.alt and keyrings.cryptfile each spell ``keyrings``' own): no clash.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from packaging.utils import canonicalize_name

from plugcheck.environment import Environment
from plugcheck.model import Finding, Plugin, Severity
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.borrowed_names import module_of, still_bound
from plugcheck.rules.dynamic_findings import module_location
from plugcheck.untrusted import read_source

PC355 = rule(
    "PC355",
    "files-overwritten-by-another-distribution",
    Severity.ERROR,
    "Another installed distribution lists files of the package the plugin's entry point points "
    "into (the same top-level package installed twice): one overwrote the other's files, so "
    "the plugin loads the other distribution's code, or loses its files when the other is "
    "uninstalled.",
    explains=("PC402", "PC540"),  # its object is another's (PC401: every PC3 explains it)
)


@dataclass(frozen=True, slots=True)
class _Listed:
    dist: str
    """``name version`` as its dist-info directory spells it."""
    normal: str
    digest: str
    """``sha256=...`` from RECORD; ``""`` from an egg-info's file lists (no hashes)."""
    root: Path


def installed_files(ctx: Context) -> dict[str, list[_Listed]]:
    """:func:`_records` of the target, read once per run (PC355 and PC356 both ask)."""
    return memo(ctx, ("records", ctx.env.sys_path), lambda: _records(ctx.env))


def _records(env: Environment) -> dict[str, list[_Listed]]:
    """Each installed file (path under its site directory) -> the distributions listing it."""
    listed: dict[str, list[_Listed]] = {}
    for root in dict.fromkeys(env.sys_path):
        try:
            infos = sorted(root.glob("*.dist-info")) if root.is_dir() else []
        except OSError:
            continue
        for info in infos:
            name, _, version = info.name.removesuffix(".dist-info").rpartition("-")
            try:  # regular files only: a FIFO an install made blocked the run for ever
                text = read_source(info / "RECORD").decode("utf-8", "replace")
                head = read_source(info / "METADATA")[:2000].decode("utf-8", "replace")
            except OSError:
                continue
            spelled = re.search(r"^Name:\s*(\S+)", head, re.MULTILINE)
            name = spelled.group(1) if spelled else name
            for line in text.splitlines():
                path, _, rest = line.partition(",")
                path = path.strip('"')
                if not path or path.startswith(("/", "..")) or ".dist-info/" in path:
                    continue
                if "__pycache__" in path or path.endswith(".pyc"):
                    continue
                digest = rest.partition(",")[0]
                entry = _Listed(f"{name} {version}", canonicalize_name(name), digest, root)
                listed.setdefault(path, []).append(entry)
        for info in _egg_infos(root):
            for path, entry in _egg_files(root, info):
                listed.setdefault(path, []).append(entry)
    return listed


def _egg_infos(root: Path) -> list[Path]:
    try:
        return sorted(p for p in root.glob("*.egg-info") if p.is_dir()) if root.is_dir() else []
    except OSError:
        return []


def _egg_files(root: Path, info: Path) -> Iterator[tuple[str, _Listed]]:
    """The files an ``*.egg-info`` directory says its distribution installed under ``root``:
    ``installed-files.txt`` (paths relative to the egg-info directory, as pip writes it), else
    the ``SOURCES.txt`` paths (of the source tree, ``src/`` dropped) that exist under ``root``."""
    try:
        head = read_source(info / "PKG-INFO")[:2000].decode("utf-8", "replace")
    except OSError:
        head = ""
    spelled = re.search(r"^Name:\s*(\S+)", head, re.MULTILINE)
    version = re.search(r"^Version:\s*(\S+)", head, re.MULTILINE)
    stem = info.name.removesuffix(".egg-info").split("-")
    name = spelled.group(1) if spelled else stem[0]
    entry = _Listed(
        f"{name} {version.group(1) if version else (stem[1:2] or ['?'])[0]}",
        canonicalize_name(name),
        "",
        root,
    )
    base = root.resolve()
    try:
        installed = read_source(info / "installed-files.txt").decode("utf-8", "replace")
        paths = [
            p.relative_to(base).as_posix()
            for line in installed.splitlines()
            if line.strip() and (p := (info / line.strip()).resolve()).is_relative_to(base)
        ]
    except OSError:
        try:
            sources = read_source(info / "SOURCES.txt").decode("utf-8", "replace")
        except OSError:
            return
        paths = [
            line.strip().removeprefix("src/")
            for line in sources.splitlines()
            if line.strip().endswith(".py")
            and not line.strip().startswith(("/", ".."))
            and (root / line.strip().removeprefix("src/")).is_file()
        ]
    for path in paths:
        if path.endswith(".pyc") or "__pycache__" in path or ".egg-info/" in path:
            continue
        yield path, entry


def _on_disk(path: Path) -> str | None:
    try:
        data = read_source(path, ANY_SIZE)
    except OSError:
        return None
    raw = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + raw.decode()


ANY_SIZE = 1 << 40
"""An installed file is hashed whatever its size (a regular file only: ``read_source``)."""
_SHIM_SIZE = 4096
_SHIM_CALLS = ("extend_path", "declare_namespace")


def _shim(path: Path) -> bool:
    """The file on disk is only a namespace package's shim (``__path__ =
    __import__('pkgutil').extend_path(__path__, __name__)``, ``declare_namespace(__name__)``,
    under try/except too, with a docstring or imports): each distribution sharing the package
    ships its own spelling of it, and whichever is on disk makes every one's modules importable
    (and with none, the folder is a PEP 420 namespace package: they still are)."""
    try:
        if path.stat().st_size > _SHIM_SIZE:
            return False
        tree = ast.parse(read_source(path, _SHIM_SIZE))
    except (OSError, SyntaxError, ValueError, RecursionError):
        return False
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _callee(n) in _SHIM_CALLS]
    return bool(calls) and _shim_body(tree.body)


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _shim_body(body: list[ast.stmt]) -> bool:
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # a docstring
        if isinstance(node, ast.Try):
            if not (
                _shim_body(node.body)
                and all(_shim_body(h.body) for h in node.handlers)
                and _shim_body(node.orelse)
            ):
                return False
            continue
        if isinstance(node, ast.Pass):
            continue
        value = node.value if isinstance(node, ast.Expr | ast.Assign) else None
        if not (isinstance(value, ast.Call) and _callee(value) in _SHIM_CALLS):
            return False
        if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] != ["__path__"]:
            return False
    return True


@plugin_check(PC355)
def shared_files(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    ep = plugin.entry_point
    if ep is None or ep.distribution is None:
        return
    own = canonicalize_name(ep.distribution)
    top = ep.module.split(".")[0]
    listed = installed_files(ctx)
    clashes: list[tuple[str, _Listed, _Listed, str]] = []
    for path, entries in sorted(listed.items()):
        if path.split("/")[0] not in (top, f"{top}.py"):
            continue
        mine = next((e for e in entries if e.normal == own), None)
        if mine is None:
            continue
        others = [
            e
            for e in entries
            if e.normal != own and (not e.digest or not mine.digest or e.digest != mine.digest)
        ]
        if others and path.rpartition("/")[2] == "__init__.py" and _shim(mine.root / path):
            continue  # a pkgutil/pkg_resources namespace, shared by design
        judged = _verdict(mine, others, _on_disk(mine.root / path), path) if others else None
        if judged is not None:
            clashes.append((path, mine, judged[1], judged[0]))
    if not clashes:
        return
    # The entry point's own module first: the file whose code the host loads.
    module = ep.module.replace(".", "/")
    clashes.sort(key=lambda c: c[0] not in (f"{module}.py", f"{module}/__init__.py"))
    borrowed = _borrowed(ctx, plugin, listed, clashes)
    lost = [c for c in clashes if c[3] == "lost" and c[0] not in borrowed]
    known = [c for c in clashes if c[3] == "kept"]
    path, mine, other, verdict = (lost or known or clashes)[0]
    more = f" (and {len(clashes) - 1} more file(s))" if len(clashes) > 1 else ""
    if not lost and borrowed:
        path, mine, other, _ = next(c for c in clashes if c[0] in borrowed)
        names = ", ".join(borrowed[path])
        yield PC355.at(
            plugin,
            module_location(plugin),
            f"{path}{more} is installed by both {mine.dist} and {other.dist}, and the copy on "
            f"disk is {other.dist}'s: it still defines what the plugin's modules import from it "
            f"({names}), so the entry point {ep.name} = {ep.value} loads, but runs "
            f"{other.dist}'s code for it, and uninstalling {other.dist} removes the file",
            fix=f"the two distributions must not share the top-level package {top}: rename the "
            "plugin's package",
            severity=Severity.WARNING,
        )
        return
    if verdict == "lost":
        whose = (
            f"not {mine.dist}'s"
            if mine.digest
            else f"{other.dist}'s (its recorded hash; {mine.dist}, an egg-info install, lists none)"
        )
        yield PC355.at(
            plugin,
            module_location(plugin),
            f"{path}{more} is installed by both {mine.dist} and {other.dist}, and the copy on "
            f"disk is {whose}: the entry point {ep.name} = {ep.value} loads code another "
            f"distribution wrote over its package {top}",
            fix=f"the two distributions must not share the top-level package {top}: rename "
            "the plugin's package (or install only one of them)",
        )
        return
    if verdict == "kept":
        said = f"the copy on disk is {mine.dist}'s, but reinstalling {other.dist} overwrites it"
    else:
        lists = "neither lists hashes" if not (mine.digest or other.digest) else "one lists none"
        said = (
            f"which one's copy is on disk cannot be told ({lists}: an egg-info install);"
            " reinstalling either overwrites the other's"
        )
    yield PC355.at(
        plugin,
        module_location(plugin),
        f"{path}{more} is installed by both {mine.dist} and {other.dist}; {said}, and "
        f"uninstalling either removes it: the entry point {ep.name} = {ep.value} then loads "
        "the wrong code or none",
        fix=f"the two distributions must not share the top-level package {top}: rename the "
        "plugin's package",
        severity=Severity.WARNING,
    )


def _borrowed(
    ctx: Context,
    plugin: Plugin,
    listed: dict[str, list[_Listed]],
    clashes: list[tuple[str, _Listed, _Listed, str]],
) -> dict[str, tuple[str, ...]]:
    """The lost files (another's copy on disk) the plugin only imports names from that the copy
    on disk defines too, with those names: a helper module of its package, never the entry
    point's own module nor a package's ``__init__.py`` (which every import of the package runs)."""
    ep = plugin.entry_point
    lost = {c[0]: c for c in clashes if c[3] == "lost"}
    if ep is None or not lost:
        return {}
    own = lost[next(iter(lost))][1]
    importers = [
        (path, own.root / path)
        for path, entries in listed.items()
        if path.endswith(".py")
        and path not in lost
        and any(e.normal == own.normal for e in entries)
    ]
    found: dict[str, tuple[str, ...]] = {}
    for path, (_, mine, _, _) in lost.items():
        name = module_of(path)
        if not path.endswith(".py") or path.endswith("__init__.py") or name == ep.module:
            continue
        names = still_bound(ctx.index, importers, name, mine.root / path)
        if names is not None:
            found[path] = names
    return found


def _verdict(
    mine: _Listed, others: list[_Listed], disk: str | None, path: str
) -> tuple[str, _Listed] | None:
    """How the plugin's distribution fares for one shared file: ``lost`` (another's content is
    on disk), ``kept`` (its own is), ``unknown`` (no hash tells), with the other distribution;
    ``None`` when the share may be an identical file (an ``__init__.py`` one side lists without
    a hash)."""
    hashed = [o for o in others if o.digest]
    if not (mine.digest and hashed) and path.rpartition("/")[2] == "__init__.py":
        return None  # a namespace package's identical __init__.py, for all we can tell
    if mine.digest:
        if disk != mine.digest:
            return "lost", others[0]
        return "kept", (hashed or others)[0]
    winner = next((o for o in hashed if o.digest == disk), None)
    if winner is not None:
        return "lost", winner
    return "unknown", others[0]
