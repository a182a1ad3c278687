"""PC355: two installed distributions list the same file in their RECORD, inside the package a
plugin's entry point points into (pybtex-apa-style and pybtex-apa7-style both install top-level
``formatting``, ``labels`` and ``names``): the one installed last overwrote the other's files.

Read from the target environment's ``*.dist-info/RECORD`` files (on its ``sys_path``). Two
records listing a path with the same hash (an identical ``__init__.py`` of a pkgutil namespace)
clash in nothing. For a clash, the file on disk tells which distribution won: a plugin whose
entry point module's package holds a file of another distribution's content loads that code
(error); the one whose content is there works until the other is reinstalled or either is
uninstalled (which removes the shared file): a warning.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from plugcheck.environment import Environment
from plugcheck.model import Finding, Plugin, Severity
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.dynamic_findings import module_location

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
    root: Path


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


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
            try:
                text = (info / "RECORD").read_text(encoding="utf-8", errors="replace")
                head = (info / "METADATA").read_text(encoding="utf-8", errors="replace")[:2000]
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
                entry = _Listed(f"{name} {version}", _normal(name), digest, root)
                listed.setdefault(path, []).append(entry)
    return listed


def _on_disk(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    raw = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + raw.decode()


@plugin_check(PC355)
def shared_files(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    ep = plugin.entry_point
    if ep is None or ep.distribution is None:
        return
    own = _normal(ep.distribution)
    top = ep.module.split(".")[0]
    listed = memo(ctx, ("records", ctx.env.sys_path), lambda: _records(ctx.env))
    clashes: list[tuple[str, _Listed, _Listed, bool]] = []
    for path, entries in sorted(listed.items()):
        if path.split("/")[0] not in (top, f"{top}.py"):
            continue
        mine = next((e for e in entries if e.normal == own), None)
        others = [e for e in entries if e.normal != own and e.digest != (mine and mine.digest)]
        if mine is None or not others:
            continue
        disk = _on_disk(mine.root / path)
        clashes.append((path, mine, others[0], disk != mine.digest))
    if not clashes:
        return
    # The entry point's own module first: the file whose code the host loads.
    module = ep.module.replace(".", "/")
    clashes.sort(key=lambda c: c[0] not in (f"{module}.py", f"{module}/__init__.py"))
    lost = [c for c in clashes if c[3]]
    path, mine, other, _ = (lost or clashes)[0]
    more = f" (and {len(clashes) - 1} more file(s))" if len(clashes) > 1 else ""
    if lost:
        yield PC355.at(
            plugin,
            module_location(plugin),
            f"{path}{more} is installed by both {mine.dist} and {other.dist}, and the copy on "
            f"disk is not {mine.dist}'s: the entry point {ep.name} = {ep.value} loads code "
            f"another distribution wrote over its package {top}",
            fix=f"the two distributions must not share the top-level package {top}: rename "
            "the plugin's package (or install only one of them)",
        )
        return
    yield PC355.at(
        plugin,
        module_location(plugin),
        f"{path}{more} is installed by both {mine.dist} and {other.dist}; the copy on disk is "
        f"{mine.dist}'s, but reinstalling {other.dist} overwrites it and uninstalling either "
        f"removes it: the entry point {ep.name} = {ep.value} then loads the wrong code or none",
        fix=f"the two distributions must not share the top-level package {top}: rename the "
        "plugin's package",
        severity=Severity.WARNING,
    )
