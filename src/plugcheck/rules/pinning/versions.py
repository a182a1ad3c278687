"""The host's API versions (``--api-version``, installed, or the API project's pyproject.toml),
what a range admits, and the version constants host and plugin write."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass

from packaging.specifiers import Specifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from plugcheck.discovery.projects import read_project
from plugcheck.model import (
    Location,
)
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context
from plugcheck.rules.pinning.requirements import file_lines, line_matching
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind


@dataclass(frozen=True, slots=True)
class HostVersions:
    versions: tuple[Version, ...]
    source: str
    """Where they come from, for messages: ``--api-version``, ``installed``, a pyproject path."""
    location: Location | None = None
    """The ``version =`` line of the API's pyproject.toml, when that is the source."""


def host_versions(ctx: Context) -> HostVersions:
    key = ("host-versions", str(ctx.contract.source), ctx.contract.name, ctx.api_versions)
    return memo(ctx, key, lambda: _host_versions(ctx))


def _host_versions(ctx: Context) -> HostVersions:
    if ctx.api_versions:
        return HostVersions(
            tuple(v for v in (as_version(s) for s in ctx.api_versions) if v is not None),
            "from --api-version",
        )
    dist = ctx.contract.api_distribution
    if dist is None:
        return HostVersions((), "")
    installed = ctx.env.distributions.get(canonicalize_name(dist))
    if installed is not None and (version := as_version(installed)) is not None:
        return HostVersions((version,), f"installed for {ctx.env.executable}")
    project = _api_project(ctx)
    if project is not None:
        return project
    return HostVersions((), "")


def _api_project(ctx: Context) -> HostVersions | None:
    """The API distribution's version from its pyproject.toml, when the host repo holds it."""
    api, dist = ctx.contract.api, ctx.contract.api_distribution
    if api is None or dist is None:
        return None
    path = ctx.index.find_module(api, ctx.contract.search_path)
    if path is None:
        return None
    for directory in path.parents:
        pyproject = directory / "pyproject.toml"
        if not pyproject.is_file():
            continue
        project, _ = read_project(pyproject)
        if project is None or canonicalize_name(project.name) != canonicalize_name(dist):
            return None
        version = as_version(project.version) if project.version else None
        shown = ctx.shown(pyproject)
        if version is None:
            return None
        line = line_matching(file_lines(pyproject), r"\s*version\s*=")
        return HostVersions((version,), f"from {shown}", Location(pyproject, line))
    return None


def as_version(text: str | None) -> Version | None:
    try:
        return Version(text) if text is not None else None
    except InvalidVersion:
        return None


def major_floor(version: Version) -> Version:
    return Version(f"{version.major + 1}")


def upper_bound(spec: SpecifierSet) -> tuple[Version, bool] | None:
    """The tightest upper bound of ``spec``: (version, inclusive), or ``None`` when unbounded."""
    bounds: list[tuple[Version, bool]] = []
    for item in spec:
        bound = _bound(item)
        if bound is not None:
            bounds.append(bound)
    return min(bounds, key=lambda b: (b[0], b[1])) if bounds else None


def _bound(item: Specifier) -> tuple[Version, bool] | None:
    op, text = item.operator, item.version
    try:
        if op in ("<", "<="):
            return Version(text), op == "<="
        if op == "==" and text.endswith(".*"):
            release = Version(text[:-2]).release
            return Version(".".join(map(str, (*release[:-1], release[-1] + 1)))), False
        if op in ("==", "==="):
            return Version(text), True
        if op == "~=":
            release = Version(text).release[:-1]
            return Version(".".join(map(str, (*release[:-1], release[-1] + 1)))), False
    except (InvalidVersion, IndexError):
        return None
    return None


def admits(spec: SpecifierSet, version: Version) -> bool:
    """Whether ``spec`` accepts the host's installed ``version`` (pip's view: an installed
    pre-release is accepted when it lies in the range; ``<3`` still excludes ``3.0rc1``)."""
    return spec.contains(version, installed=True)


def prerelease_note(spec: SpecifierSet, excluded: Sequence[Version]) -> str:
    for version in excluded:
        if not version.is_prerelease:
            continue
        base = Version(version.base_version)
        for item in spec:
            if item.operator == "<" and as_version(item.version) == base:
                return (
                    f"; {version} is a pre-release of {base}, and {item} excludes "
                    f"{base}'s pre-releases too (PEP 440)"
                )
    return ""


def admits_next_major(spec: SpecifierSet, major: Version) -> bool:
    """Whether ``spec`` lets in ``major`` (e.g. 3) or anything after it."""
    bound = upper_bound(spec)
    if bound is None:
        return True
    version, inclusive = bound
    return version >= major if inclusive else version > major


def exact_pin(spec: SpecifierSet) -> Specifier | None:
    for item in spec:
        if item.operator == "===" or (item.operator == "==" and not item.version.endswith(".*")):
            return item
    return None


def lower_major(spec: SpecifierSet) -> Version | None:
    lows = [
        v
        for item in spec
        if item.operator in (">=", ">", "~=", "==")
        for v in [as_version(item.version.removesuffix(".*"))]
        if v
    ]
    return max(lows) if lows else None


def suggest(spec: SpecifierSet, versions: Sequence[Version], dist: str) -> str:
    low = min(versions) if versions else lower_major(spec)
    if low is None:
        return dist
    top = max(versions) if versions else low
    return f"{dist}>={low.major}.{low.minor},<{top.major + 1}"


def show_versions(versions: Sequence[Version]) -> str:
    return ", ".join(str(v) for v in versions)


def literal_value(info: ModuleInfo, name: str) -> tuple[object, int, int] | None:
    """The constant a module binds ``name`` to at top level: (value, line, col)."""
    if info.tree is None:
        return None
    found = None
    for stmt in info.tree.body:
        if isinstance(stmt, ast.Assign):
            targets, value = list(stmt.targets), stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets, value = [stmt.target], stmt.value
        else:
            continue
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            if isinstance(value, ast.Constant) and isinstance(value.value, str | int | float):
                found = (value.value, stmt.lineno, stmt.col_offset + 1)
            else:
                found = None
    return found


def host_constant(ctx: Context, name: str) -> tuple[str, Location] | None:
    api = ctx.contract.api
    path = ctx.index.find_module(api, ctx.api_roots()) if api else None
    info = ctx.index.info(path) if path else None
    if info is None:
        return None
    found = ctx.index.resolve(info, name, ctx.api_roots())
    if not isinstance(found, Resolved):
        return None
    value = literal_value(found.module, name if found.symbol.kind is SymbolKind.ASSIGN else "")
    if value is None:
        return None
    return str(value[0]), Location(found.module.path, value[1], value[2])


def constant_compatible(plugin_version: Version, host: Version) -> bool:
    """Written for ``plugin_version``: runs on the same major, at that minor or later."""
    return plugin_version.major == host.major and plugin_version.release <= host.release + (0,) * (
        len(plugin_version.release) - len(host.release)
    )
