"""PC356: a plugin's distribution installs a ``.pth`` file with a line that runs code, or a
``sitecustomize`` (``usercustomize``) module.

``site`` executes each line of a site directory's ``*.pth`` files that starts with ``import``
at every start of the interpreter: before the host's own code, in every program of that
environment, and in every process plugcheck starts there (the environment query, mypy's
search-path probe, the harness's fork server before it confines anything). Such a line is the
classic supply-chain foothold; it also makes this run's results untrustworthy, since the code
can change what every later check sees. A warning (healthy plugins ship such lines: coverage's
subprocess hook, old ``-nspkg.pth`` namespace shims); an error under ``--untrusted-plugins``
(the engine's ``UNTRUSTED_ERRORS``), where the plugins' code decides what the checks see.
Read from the target's ``*.dist-info/RECORD`` files:
only ``.pth`` files the plugin's own distribution lists. A setuptools editable install's
finder (``__editable__.*.pth`` of a distribution whose ``direct_url.json`` says editable) is
the installer's, not the plugin's, and is not reported. A line of the host's own distribution,
for a plugin it ships itself, is the host's start-up: information.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from packaging.utils import canonicalize_name

from plugcheck.model import Finding, Location, Plugin, Severity
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.host_shipped import shipped_by_host
from plugcheck.rules.shared_files import installed_files
from plugcheck.untrusted import read_source, source_lines

PC356 = rule(
    "PC356",
    "startup-code-in-pth",
    Severity.WARNING,
    "The plugin's distribution installs a .pth file with an import line (or a sitecustomize "
    "module): Python runs it at "
    "every interpreter start in that environment, before the host and outside any plugin's "
    "check (plugcheck's own processes included), so nothing of this run can vouch for it.",
)


SITE_DIRS = frozenset({"site-packages", "dist-packages"})
"""Folder names of the site directories whose ``.pth`` files ``site`` executes."""


CUSTOMIZE = frozenset(
    f"{name}{tail}"
    for name in ("sitecustomize", "usercustomize")
    for tail in (".py", "/__init__.py")
)
"""What ``site`` imports at every start after the ``.pth`` files, from the first folder of
``sys.path`` that has it: a distribution that installs one runs it as an import line does.
Before, a plugin's wheel that shipped ``sitecustomize.py`` instead of a ``.pth`` line had no
finding, ``--untrusted-plugins`` too (red team red49)."""


def _pth_files(ctx: Context) -> dict[str, list[Path]]:
    """Each distribution (normalised name) -> the ``.pth`` files and ``sitecustomize`` modules
    of a site directory its RECORD lists (from the installed files PC355 reads too)."""
    found: dict[str, list[Path]] = {}
    for path, entries in installed_files(ctx).items():
        if (path.endswith(".pth") and "/" not in path) or path in CUSTOMIZE:
            for entry in entries:
                if entry.root.name in SITE_DIRS:
                    found.setdefault(entry.normal, []).append(entry.root / path)
    return found


def _editable(root: Path, normal: str) -> bool:
    """Whether ``normal``'s dist-info under ``root`` says it was installed editable."""
    for info in root.glob("*.dist-info"):
        if canonicalize_name(info.name.removesuffix(".dist-info").rpartition("-")[0]) != normal:
            continue
        try:
            data = json.loads(read_source(info / "direct_url.json"))
        except (OSError, ValueError, RecursionError):
            continue
        if isinstance(data, dict) and (data.get("dir_info") or {}).get("editable") is True:
            return True
    return False


_FINDER = re.compile(r"import __editable___[\w.]+_finder; __editable___[\w.]+_finder\.install\(")


def _code_lines(path: Path, normal: str) -> list[tuple[int, str]]:
    try:
        text = read_source(path).decode("utf-8", "replace")  # a FIFO would block for ever
    except OSError:
        return []
    lines = []
    for number, line in enumerate(source_lines(text), 1):  # as site reads them
        if not line.startswith(("import ", "import\t")):
            continue  # a path line, a comment: site adds or skips it, runs nothing
        finder = path.name.startswith("__editable__.") and _FINDER.match(line)
        if finder and _editable(path.parent, normal):
            continue
        lines.append((number, line))
    return lines


def _distribution(plugin: Plugin) -> str | None:
    if plugin.entry_point is not None and plugin.entry_point.distribution:
        return plugin.entry_point.distribution
    project = plugin.project
    if project is not None and project.source is not None and project.source.name == "METADATA":
        return project.name  # installed, not a source tree
    return None


@plugin_check(PC356)
def startup_code(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    dist = _distribution(plugin)
    if dist is None:
        return
    normal = canonicalize_name(dist)
    # The host's own distribution installed the line with the host (setuptools'
    # distutils-precedence.pth, listed once per each of its 46 own entry points): the host's
    # start-up, which no plugin author can change. Information; an error still under
    # --untrusted-plugins, where a distribution's claim to be the host's is not taken on trust.
    host = shipped_by_host(plugin, ctx.contract)
    for path in memo(ctx, ("pth-files", ctx.env.sys_path), lambda: _pth_files(ctx)).get(normal, []):
        if path.suffix == ".py":
            yield _customize(plugin, dist, path, bool(host))
            continue
        lines = _code_lines(path, normal)
        if not lines:
            continue
        number, line = lines[0]
        shown = line if len(line) <= 80 else line[:77] + "..."
        yield PC356.at(
            plugin,
            Location(path, number, 1),
            f"{dist} installs {path.name}, whose line `{shown}` runs at every start of Python "
            "in this environment, before the host and outside any plugin's check (plugcheck's "
            "own processes there run it as well): no check of this run can vouch for what it "
            "does",
            fix="drop the import line from the .pth file (a .pth should only add paths); run "
            "start-up work when the host loads the plugin instead",
            severity=Severity.INFO if host else None,
        )


def _customize(plugin: Plugin, dist: str, path: Path, host: bool) -> Finding:
    module = path.parent.name if path.name == "__init__.py" else path.stem
    return PC356.at(
        plugin,
        Location(path, 1, 1),
        f"{dist} installs {module} ({path.name}), which Python's site imports at every start "
        "in this environment, before the host and outside any plugin's check (plugcheck's own "
        "processes there run it as well): no check of this run can vouch for what it does",
        fix=f"do not ship a {module} module; run start-up work when the host loads the plugin",
        severity=Severity.INFO if host else None,
    )
