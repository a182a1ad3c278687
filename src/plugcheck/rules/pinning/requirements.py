"""The plugin's declared dependencies: where each is written, and its requirement on the API
distribution that applies on the target interpreter (markers evaluated, no extras asked)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import Marker, UndefinedComparison, UndefinedEnvironmentName
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from plugcheck import projectmeta
from plugcheck.model import (
    Location,
    Plugin,
    Project,
)
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
from plugcheck.untrusted import read_source


@dataclass(frozen=True, slots=True)
class Declared:
    """One dependency string of the plugin, parsed when valid, and where it is written."""

    text: str
    requirement: Requirement | None
    error: str | None
    location: Location


def declared(ctx: Context, plugin: Plugin) -> tuple[Declared, ...]:
    """Every dependency string of the plugin, in order (read once per run). A plugin given by
    path that an installed distribution's RECORD lists (an extension module in site-packages)
    has that distribution's: j2hc's `Jinja2==2.8` is what the installer refuses it for."""
    key = ("declared", plugin.project, plugin.claim)
    if plugin.project is None and plugin.entry_point is None and plugin.module_path is not None:
        module = plugin.module_path
        return memo(ctx, (*key, str(module)), lambda: _owned(ctx, module, plugin.claim))
    return memo(ctx, key, lambda: _declared(plugin.project, plugin.claim))


def _owned(ctx: Context, module: Path, claim: Location) -> tuple[Declared, ...]:
    found = projectmeta.owning(module, ctx.env.sys_path)
    if found is None:
        return ()
    dist, requires = found
    return _listed(requires, dist / "METADATA", claim)


def _declared(project: Project | None, claim: Location) -> tuple[Declared, ...]:
    if project is None:
        return ()
    return _listed(project.requires, project.source, claim)


def _listed(requires: Sequence[str], source: Path | None, claim: Location) -> tuple[Declared, ...]:
    lines = file_lines(source)
    metadata = source is not None and source.name == "METADATA"
    found = []
    for text in requires:
        line = _requirement_line(lines, text, metadata)
        location = Location(source, line) if source else claim
        try:
            found.append(Declared(text, Requirement(text), None, location))
        except InvalidRequirement as exc:
            found.append(Declared(text, None, str(exc).splitlines()[0], location))
    return tuple(found)


def file_lines(source: Path | None) -> list[str]:
    if source is None:
        return []
    try:
        return read_source(source).decode("utf-8", "replace").splitlines()  # never a FIFO
    except OSError:
        return []


def _requirement_line(lines: list[str], text: str, metadata: bool) -> int:
    if metadata:
        wanted = re.compile(rf"Requires-Dist:\s*{re.escape(text.strip())}\s*\Z")
        return next((n for n, line in enumerate(lines, 1) if wanted.match(line)), 1)
    for quoted in (f'"{text}"', f"'{text}'", f'"""{text}"""', f"'''{text}'''"):
        for number, line in enumerate(lines, 1):
            if quoted in line:
                return number
    for number, line in enumerate(lines, 1):  # setup.cfg install_requires: one a line, bare
        if line.split("#")[0].strip() == text.strip():
            return number
    key = r"\s*(dependencies|install_requires)\s*="
    return next((n for n, line in enumerate(lines, 1) if re.match(key, line)), 1)


def marker_environment(ctx: Context) -> dict[str, str]:
    env = dict(ctx.env.markers)
    env["extra"] = ""
    return env


def applies(marker: Marker | None, environment: dict[str, str]) -> bool:
    """Whether a requirement with ``marker`` is installed with the plugin (no extras asked)."""
    if marker is None:
        return True
    try:
        return marker.evaluate(environment)
    except (UndefinedComparison, UndefinedEnvironmentName):
        return True


@dataclass(frozen=True, slots=True)
class ApiRequirement:
    """The plugin's requirement on the API distribution that applies on the target."""

    declared: Declared
    requirement: Requirement

    @property
    def specifier(self) -> SpecifierSet:
        return self.requirement.specifier


def api_requirements(ctx: Context, plugin: Plugin) -> tuple[list[ApiRequirement], list[Declared]]:
    """(requirements on the API that apply on the target, those skipped by a marker or extra)."""
    dist = ctx.contract.api_distribution
    if dist is None:
        return [], []
    wanted = canonicalize_name(dist)
    environment = marker_environment(ctx)
    active, skipped = [], []
    for item in declared(ctx, plugin):
        req = item.requirement
        if req is None or canonicalize_name(req.name) != wanted:
            continue
        if applies(req.marker, environment):
            active.append(ApiRequirement(item, req))
        else:
            skipped.append(item)
    return active, skipped


def line_matching(lines: list[str], pattern: str) -> int:
    return next((n for n, line in enumerate(lines, 1) if re.match(pattern, line)), 1)
