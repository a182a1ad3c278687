"""API version pinning: the plugin's requirement on the shared API distribution.

Requirements come from a directory plugin's ``[project].dependencies`` or an installed plugin's
``Requires-Dist`` (markers evaluated for the target interpreter, extras not requested). The host's
API version is ``--api-version`` (one or several), else the version installed in the target
interpreter, else the version in the API project's own pyproject.toml.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import Marker, UndefinedComparison, UndefinedEnvironmentName
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import Specifier, SpecifierSet
from packaging.tags import parse_tag
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from plugcheck import config as _config
from plugcheck.autofix import made
from plugcheck.autofix.pyproject import add_requirement, replace_requirement, with_specifier
from plugcheck.discovery import project_table, read_project
from plugcheck.model import (
    Applicability,
    Autofix,
    Finding,
    Location,
    Matrix,
    MatrixRow,
    Plugin,
    Project,
    Related,
    Severity,
)
from plugcheck.options import UsageError
from plugcheck.passes import RunInput, RunPass, register_pass
from plugcheck.rules._memo import memo
from plugcheck.rules.base import Context, contract_check, plugin_check, rule
from plugcheck.static.index import Resolved
from plugcheck.static.parse import ModuleInfo, SymbolKind, ValueKind

PC301 = rule(
    "PC301",
    "undeclared-api-dependency",
    Severity.ERROR,
    "The plugin imports the API package but does not declare the API distribution.",
    autofix=Applicability.SAFE,
)
PC302 = rule(
    "PC302",
    "api-version-excluded",
    Severity.ERROR,
    "The plugin's requirement on the API distribution excludes the host's API version.",
    autofix=Applicability.UNSAFE,
)
PC303 = rule(
    "PC303",
    "api-upper-bound-missing",
    Severity.WARNING,
    "The requirement on the API has no upper bound, or one past the next major version.",
    opt_in=True,  # advice, not breakage: most ecosystems never cap their host
    autofix=Applicability.SAFE,
)
PC304 = rule(
    "PC304",
    "exact-api-pin",
    Severity.WARNING,
    "The requirement pins the API to one exact version, blocking the host's patch releases.",
    autofix=Applicability.SAFE,
)
PC305 = rule(
    "PC305",
    "invalid-requirement",
    Severity.ERROR,
    "A dependency string is not a valid PEP 508 requirement; installers reject the plugin.",
)
PC306 = rule(
    "PC306",
    "dynamic-dependencies",
    Severity.INFO,
    "The plugin's dependencies are computed at build time; its API range cannot be verified.",
)
PC307 = rule(
    "PC307",
    "api-version-constant-mismatch",
    Severity.ERROR,
    "The plugin's API-version constant names a version the host's API is not compatible with.",
)
PC308 = rule(
    "PC308",
    "native-abi-mismatch",
    Severity.ERROR,
    "A wheel tag or extension-module suffix does not match the target interpreter.",
)

API_VERSION_KEY = "plugin-api-version"


def _check_key(value: object) -> str | None:
    if not isinstance(value, str) or not value.isidentifier():
        return f"must be the name of a module-level constant (e.g. 'API_VERSION'), got {value!r}"
    return None


FIELDS = {
    API_VERSION_KEY: _config.Field(
        _check_key, _config.STRING, "The module-level constant holding a plugin's API version."
    )
}


# --- requirements ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Declared:
    """One dependency string of the plugin, parsed when valid, and where it is written."""

    text: str
    requirement: Requirement | None
    error: str | None
    location: Location


def declared(ctx: Context, plugin: Plugin) -> tuple[Declared, ...]:
    """Every dependency string of the plugin, in order (read once per run)."""
    key = ("declared", plugin.project, plugin.claim)
    return memo(ctx, key, lambda: _declared(plugin.project, plugin.claim))


def _declared(project: Project | None, claim: Location) -> tuple[Declared, ...]:
    if project is None:
        return ()
    source = project.source
    lines = _lines(source)
    metadata = source is not None and source.name == "METADATA"
    found = []
    for text in project.requires:
        line = _requirement_line(lines, text, metadata)
        location = Location(source, line) if source else claim
        try:
            found.append(Declared(text, Requirement(text), None, location))
        except InvalidRequirement as exc:
            found.append(Declared(text, None, str(exc).splitlines()[0], location))
    return tuple(found)


def _lines(source: Path | None) -> list[str]:
    if source is None:
        return []
    try:
        return source.read_text(encoding="utf-8", errors="replace").splitlines()
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
    return next((n for n, line in enumerate(lines, 1) if re.match(r"\s*dependencies\s*=", line)), 1)


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


# --- host API versions ----------------------------------------------------------------


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
            tuple(v for v in (_version(s) for s in ctx.api_versions) if v is not None),
            "from --api-version",
        )
    dist = ctx.contract.api_distribution
    if dist is None:
        return HostVersions((), "")
    installed = ctx.env.distributions.get(canonicalize_name(dist))
    if installed is not None and (version := _version(installed)) is not None:
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
        version = _version(project.version) if project.version else None
        shown = ctx.shown(pyproject)
        if version is None:
            return None
        line = _line_matching(_lines(pyproject), r"\s*version\s*=")
        return HostVersions((version,), f"from {shown}", Location(pyproject, line))
    return None


def _version(text: str | None) -> Version | None:
    try:
        return Version(text) if text is not None else None
    except InvalidVersion:
        return None


def _major_floor(version: Version) -> Version:
    return Version(f"{version.major + 1}")


# --- ranges ---------------------------------------------------------------------------


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


def _prerelease_note(spec: SpecifierSet, excluded: Sequence[Version]) -> str:
    for version in excluded:
        if not version.is_prerelease:
            continue
        base = Version(version.base_version)
        for item in spec:
            if item.operator == "<" and _version(item.version) == base:
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


def _lower_major(spec: SpecifierSet) -> Version | None:
    lows = [
        v
        for item in spec
        if item.operator in (">=", ">", "~=", "==")
        for v in [_version(item.version.removesuffix(".*"))]
        if v
    ]
    return max(lows) if lows else None


def _suggest(spec: SpecifierSet, versions: Sequence[Version], dist: str) -> str:
    low = min(versions) if versions else _lower_major(spec)
    if low is None:
        return dist
    top = max(versions) if versions else low
    return f"{dist}>={low.major}.{low.minor},<{top.major + 1}"


def _show(versions: Sequence[Version]) -> str:
    return ", ".join(str(v) for v in versions)


# --- the version constant -------------------------------------------------------------


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


# --- the checks -----------------------------------------------------------------------


def imports_api(ctx: Context, plugin: Plugin) -> Location | None:
    """Where the plugin first imports the API package (absolute imports only)."""
    api = ctx.contract.api
    if api is None:
        return None
    for path in plugin.files:
        info = ctx.index.info(path)
        if info is None:
            continue
        for ref in info.imports:
            if ref.level:
                continue
            names = [ref.module, *(f"{ref.module}.{n}" for n in ref.names)]
            if any(n == api or n.startswith(api + ".") for n in names):
                return Location(path, ref.line, ref.col)
    return None


@plugin_check(PC305)
def invalid_requirements(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    for item in declared(ctx, plugin):
        if item.error is not None:
            yield PC305.at(
                plugin,
                item.location,
                f"dependency {item.text!r} is not a valid requirement ({item.error}); pip "
                "refuses to install the plugin",
                fix="write it as PEP 508 requires, e.g. 'name>=1.0,<2; python_version >= \"3.11\"'",
            )


@plugin_check(PC301, PC306)
def undeclared(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    dist = ctx.contract.api_distribution
    project = plugin.project
    if dist is None or project is None:
        return
    if "dependencies" in project.dynamic:
        source = project.source
        line = _line_matching(_lines(source), r"\s*dynamic\s*=")
        yield PC306.at(
            plugin,
            Location(source, line) if source else plugin.claim,
            f"{project.name}'s dependencies are dynamic (computed by the build backend); its "
            f"requirement on {dist} cannot be verified before it is built",
            fix="list the dependencies statically in [project].dependencies",
        )
        return
    where = imports_api(ctx, plugin)
    if where is None:
        return
    active, skipped = api_requirements(ctx, plugin)
    if active:
        return
    invalid = [d for d in declared(ctx, plugin) if d.requirement is None]
    if invalid and not skipped:
        return  # PC305 already says the dependency list is broken; the API may be in it
    versions = host_versions(ctx).versions
    example = _suggest(SpecifierSet(), versions, dist)
    extra = _optional_api(project.source, dist)
    if skipped:
        detail = (
            f"declares {dist} only as {skipped[0].text!r}, which is not installed with the "
            "plugin on the target interpreter"
        )
    elif extra is not None:
        detail = (
            f"declares {dist} only in the optional dependencies ([{extra}]), which a plain "
            "install does not bring"
        )
    else:
        detail = f"{project.name} does not declare the {dist} distribution"
    source = project.source
    manifest = source is not None and source.name == "pyproject.toml"
    yield PC301.at(
        plugin,
        where,
        f"{plugin.module} imports {ctx.contract.api} but {detail}; nothing keeps the plugin "
        "on an API version it works with",
        fix=f'add "{example}" to [project].dependencies',
        related=[Related(Location(source, project.name_line), f"{project.name}'s project")]
        if source is not None and manifest
        else [],
        autofix=made(
            lambda: add_requirement(
                source, example, f'add "{example}" to [project].dependencies', Applicability.SAFE
            )
        )
        if source is not None and manifest
        else None,
    )


def _optional_api(source: Path | None, dist: str) -> str | None:
    """The extra of a pyproject's ``[project.optional-dependencies]`` that names ``dist``."""
    if source is None or source.name != "pyproject.toml":
        return None
    _, data = read_project(source)
    extras = project_table(data).get("optional-dependencies", {})
    if not isinstance(extras, dict):
        return None
    for extra, requirements in extras.items():
        for text in requirements if isinstance(requirements, list) else []:
            try:
                if canonicalize_name(Requirement(str(text)).name) == canonicalize_name(dist):
                    return str(extra)
            except InvalidRequirement:
                continue
    return None


def _line_matching(lines: list[str], pattern: str) -> int:
    return next((n for n, line in enumerate(lines, 1) if re.match(pattern, line)), 1)


@plugin_check(PC302, PC303, PC304)
def ranges(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    dist = ctx.contract.api_distribution
    if dist is None:
        return
    active, _ = api_requirements(ctx, plugin)
    host = host_versions(ctx)
    for item in active:
        if item.requirement.url:
            continue  # a direct reference names one artifact; its version is not in the string
        spec = item.specifier
        text = item.declared.text
        excluded = [v for v in host.versions if not admits(spec, v)]
        admitted = [v for v in host.versions if admits(spec, v)]
        if excluded:
            why = _prerelease_note(spec, excluded)
            yield PC302.at(
                plugin,
                item.declared.location,
                f"{text!r} excludes {dist} {_show(excluded)}, the host's API ({host.source}){why}; "
                "the installer refuses the plugin or downgrades the host's API",
                fix=f"widen the range to admit {_show(excluded)}, e.g. "
                f"'{_suggest(spec, host.versions, dist)}'",
                related=[Related(host.location, f"the host's {dist} version")]
                if host.location
                else [],
                autofix=_respecified(
                    item, _widened(spec, host.versions, dist), "widen to", Applicability.UNSAFE
                ),
            )
        pin = exact_pin(spec)
        if pin is not None:
            yield PC304.at(
                plugin,
                item.declared.location,
                f"{text!r} pins {dist} to exactly {pin.version}: the host cannot ship a patch "
                "release of its API without the installer refusing this plugin",
                fix=f"allow compatible releases: '{dist}~={pin.version}' or "
                f"'{_suggest(spec, (), dist)}'",
                autofix=_respecified(item, _compatible(spec, pin), "allow compatible releases:"),
            )
            continue
        base = max(admitted) if admitted else None
        if base is None and not host.versions:
            base = _lower_major(spec)
        if base is None:
            continue
        major = _major_floor(base)
        if admits_next_major(spec, major):
            bound = upper_bound(spec)
            what = (
                "has no upper bound"
                if bound is None
                else f"admits {major.major}.x (upper bound {'<=' if bound[1] else '<'}{bound[0]})"
            )
            yield PC303.at(
                plugin,
                item.declared.location,
                f"{text!r} {what}: the installer may pair the plugin with {dist} "
                f"{major.major}.0, whose breaking changes it was never checked against",
                fix=f"cap the range below the next major: '{_suggest(spec, admitted, dist)}'",
                autofix=_respecified(item, _capped(spec, major), "cap below the next major:"),
            )


def _respecified(
    item: ApiRequirement,
    specifier: str,
    verb: str,
    applicability: Applicability = Applicability.SAFE,
) -> Autofix | None:
    """The fix that gives the requirement ``item`` the range ``specifier`` (``>=2.1,<3``),
    keeping its name, extras and marker."""
    if not specifier:
        return None
    path = item.declared.location.path
    old = item.declared.text
    new = with_specifier(item.requirement, specifier)
    return made(lambda: replace_requirement(path, old, new, f"{verb} {new!r}", applicability))


def _widened(spec: SpecifierSet, versions: Sequence[Version], dist: str) -> str:
    """A range admitting every one of the host's ``versions`` (the hint's, or one starting at
    the oldest exactly, for a pre-release); empty when there is none."""
    if not versions:
        return ""
    low, top = min(versions), max(versions)
    for candidate in (
        _suggest(spec, versions, dist).removeprefix(dist),
        f">={low},<{top.major + 1}",
    ):
        if candidate and all(admits(SpecifierSet(candidate), v) for v in versions):
            return candidate
    return ""


def _compatible(spec: SpecifierSet, pin: Specifier) -> str:
    """``==2.1.0`` -> ``~=2.1.0`` (``==2`` -> ``>=2,<3``), the rest of ``spec`` kept."""
    version = _version(pin.version)
    if version is None or pin.operator != "==":
        return ""
    if len(version.release) >= 2:
        wanted = [f"~={pin.version}"]
    else:
        wanted = [f">={pin.version}", f"<{version.major + 1}"]
    return ",".join([*_written(spec, lambda s: s is not pin), *wanted])


def _capped(spec: SpecifierSet, major: Version) -> str:
    """``spec`` without its upper bounds, plus ``<major``."""
    kept = _written(spec, lambda s: s.operator not in ("<", "<="))
    return ",".join([*kept, f"<{major.major}"])


def _written(spec: SpecifierSet, keep: Callable[[Specifier], bool]) -> list[str]:
    """The items of ``spec`` that ``keep`` keeps, lower bounds first (as people write them)."""
    items = sorted((s for s in spec if keep(s)), key=lambda s: (s.operator[0] != ">", str(s)))
    return [str(s) for s in items]


@plugin_check(PC307)
def version_constant(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    name = ctx.contract.options.get(API_VERSION_KEY)
    info = ctx.module(plugin) if isinstance(name, str) else None
    if not isinstance(name, str) or info is None:
        return
    found = ctx.index.resolve(info, name, ctx.roots(plugin))
    if not isinstance(found, Resolved) or found.module.path not in set(plugin.files):
        return  # re-exported from the API itself, or not defined: nothing the plugin claims
    if (
        found.symbol.kind is not SymbolKind.ASSIGN
        or found.symbol.value_kind is not ValueKind.LITERAL
    ):
        return
    value = literal_value(found.module, name)
    if value is None:
        return
    literal, line, col = value
    where = Location(found.module.path, line, col)
    written = _version(str(literal))
    if written is None:
        yield PC307.at(
            plugin,
            where,
            f"{name} = {literal!r} is not a version; the host cannot tell which API the plugin "
            "was written for",
            fix=f"set {name} to the API version the plugin targets, e.g. '2.1'",
        )
        return
    hosts, source = _constant_hosts(ctx, name)
    bad = [h for h in hosts if not constant_compatible(written, h)]
    if bad:
        yield PC307.at(
            plugin,
            where,
            f"{name} = {literal!r}: the plugin was written for API {written}, but the host "
            f"provides {_show(bad)} ({source}); it runs only on API {written.major}.x from "
            f"{written} on",
            fix=f"port the plugin to API {bad[0]} and set {name} = '{bad[0]}'",
        )


def _constant_hosts(ctx: Context, name: str) -> tuple[list[Version], str]:
    if ctx.api_versions:
        return list(host_versions(ctx).versions), "from --api-version"
    constant = host_constant(ctx, name)
    if constant is not None and (v := _version(constant[0])) is not None:
        return [v], f"{ctx.contract.api}.{name} = {constant[0]!r}"
    host = host_versions(ctx)
    return list(host.versions), host.source


@plugin_check(PC308)
def native(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    yield from _wheel_tags(ctx, plugin)
    suffixes = ctx.env.extension_suffixes
    tree = plugin.own_tree
    if not suffixes or tree is None:
        return
    for path in _extension_modules(tree):
        suffix = path.name[path.name.index(".") :]
        if suffix in suffixes:
            continue
        yield PC308.at(
            plugin,
            Location(path, 1),
            f"extension module {path.name} has ABI suffix {suffix!r}, which the target "
            f"interpreter ({ctx.env.executable}) does not load (it loads "
            f"{', '.join(suffixes)}); importing it fails with ModuleNotFoundError",
            fix="build the extension for the target interpreter (or as abi3) and ship that file",
        )


def _extension_modules(root: Path) -> list[Path]:
    found = []
    # os.walk, not rglob: this runs once per plugin, and pathlib's per-entry objects were most
    # of its cost. Hidden and build directories are not entered at all.
    for directory, folders, files in os.walk(root):
        folders[:] = [f for f in folders if not (f.startswith(".") or f in _NOT_SHIPPED)]
        for name in files:
            path = os.path.join(directory, name)
            if os.path.splitext(name)[1] in (".so", ".pyd") and os.path.isfile(path):
                found.append(Path(path))
    return sorted(found)


_NOT_SHIPPED = frozenset({"build", "dist", "__pycache__", "venv"})


def _wheel_tags(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    project = plugin.project
    supported = ctx.env.tags
    if supported is None or project is None or project.source is None:
        return
    wheel = project.source.parent / "WHEEL"
    if project.source.name != "METADATA" or not wheel.is_file():
        return
    lines = _lines(wheel)
    tags = [
        (n, line.partition(":")[2].strip())
        for n, line in enumerate(lines, 1)
        if line.startswith("Tag:")
    ]
    if not tags:
        return
    accepted = set(supported)
    for _, text in tags:
        try:
            if any(str(t) in accepted for t in parse_tag(text)):
                return
        except ValueError:
            continue
    line = tags[0][0]
    yield PC308.at(
        plugin,
        Location(wheel, line),
        f"{project.name} was installed from a wheel tagged {', '.join(t for _, t in tags)}, "
        f"which the target interpreter does not accept (it accepts e.g. {supported[0]}); its "
        "compiled modules will not load",
        fix="install the wheel built for the target interpreter's tags",
    )


# --- the compatibility matrix ----------------------------------------------------------


def verdicts(ctx: Context, plugin: Plugin) -> tuple[str | None, tuple[str, ...]]:
    """The plugin's API requirement and its verdict against each ``ctx.api_versions``."""
    versions = host_versions(ctx).versions
    project = plugin.project
    active, _ = api_requirements(ctx, plugin)
    constant = ctx.contract.options.get(API_VERSION_KEY)
    written = _plugin_constant(ctx, plugin, constant) if isinstance(constant, str) else None
    cells = []
    for version in versions:
        if written is not None and not constant_compatible(written, version):
            cells.append("error")
        elif (
            project is None
            or "dependencies" in project.dynamic
            or not active
            or any(a.requirement.url for a in active)
        ):
            cells.append("unknown")
        elif not all(admits(a.specifier, version) for a in active):
            cells.append("error")
        elif any(
            exact_pin(a.specifier) or admits_next_major(a.specifier, _major_floor(version))
            for a in active
        ):
            cells.append("warning")
        else:
            cells.append("ok")
    text = ", ".join(a.declared.text for a in active) or None
    return text, tuple(cells)


def _plugin_constant(ctx: Context, plugin: Plugin, name: str) -> Version | None:
    info = ctx.module(plugin)
    found = ctx.index.resolve(info, name, ctx.roots(plugin)) if info else None
    if not isinstance(found, Resolved) or found.module.path not in set(plugin.files):
        return None
    value = literal_value(found.module, name)
    return _version(str(value[0])) if value else None


@contract_check(PC302, PC307)
def unknown_host_version(ctx: Context) -> Iterator[Finding]:
    """Say so (a note) when the host's API version is unknown: PC302/PC307 then judge nothing."""
    dist = ctx.contract.api_distribution
    if dist is not None and ctx.plugins and not host_versions(ctx).versions:
        ctx.notes.append(
            f"contract {ctx.contract.name!r}: the host's version of {dist} is unknown (not "
            f"installed for {ctx.env.executable}, and no pyproject.toml of {dist} above the API "
            "package), so PC302 and PC307 judged nothing; install it there or pass --api-version"
        )
    yield from ()


def _matrix(data: RunInput) -> list[Finding]:
    bad = [v for v in data.options.api_versions if _version(v) is None]
    if bad:
        raise UsageError([f"--api-version {v}: not a version (PEP 440)" for v in bad])
    rows = []
    for contract, plugins in data.contracts:
        ctx = Context(contract, plugins, data.index, data.env, data.options.api_versions)
        for plugin in plugins:
            requirement, cells = verdicts(ctx, plugin)
            rows.append(MatrixRow(plugin.name, contract.name, requirement, cells))
    data.matrix = Matrix(tuple(data.options.api_versions), tuple(rows))
    return []


register_pass(RunPass("api-matrix", 5, _matrix, lambda options: bool(options.api_versions)))
