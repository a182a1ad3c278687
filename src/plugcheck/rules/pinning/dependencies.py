"""The plugin's requirement on the API distribution: valid (PC305), declared (PC301, PC306), and
a range that admits the host's API version (PC302), is no exact pin (PC304) and stops below the
next major (PC303)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import Specifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from plugcheck.autofix import made
from plugcheck.discovery.projects import project_table, read_project
from plugcheck.model import (
    Applicability,
    Autofix,
    Finding,
    Location,
    Plugin,
    Related,
    Severity,
)
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.pinning.requirements import (
    ApiRequirement,
    api_requirements,
    declared,
    file_lines,
    line_matching,
)
from plugcheck.rules.pinning.versions import (
    admits,
    admits_next_major,
    as_version,
    exact_pin,
    host_versions,
    lower_major,
    major_floor,
    prerelease_note,
    show_versions,
    suggest,
    upper_bound,
)

PC301 = rule(
    "PC301",
    "undeclared-api-dependency",
    # A warning: the host loads the plugin with the API it has (PC530/PC401 judge that one);
    # an undeclared API only stops the installer from keeping them paired when either moves.
    Severity.WARNING,
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
    # Information: the pin admits the installed host (else PC302 is the error), so it breaks
    # nothing today; the host's next release is checked with --api-version (PC302 then).
    Severity.INFO,
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
    if canonicalize_name(project.name) == canonicalize_name(dist):
        return  # the API distribution's own plugins (virtualenv's built-in activators)
    if "dependencies" in project.dynamic:
        source = project.source
        line = line_matching(file_lines(source), r"\s*dynamic\s*=")
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
    example = suggest(SpecifierSet(), versions, dist)
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
        autofix=_added(source, example) if source is not None and manifest else None,
    )


def _added(source: Path, example: str) -> Autofix | None:
    """The fix that adds the requirement ``example`` to ``source``'s dependencies."""
    # tomlkit loads with the first fix made, not at every start of plugcheck
    from plugcheck.autofix.pyproject import add_requirement

    message = f'add "{example}" to [project].dependencies'
    return made(lambda: add_requirement(source, example, message, Applicability.SAFE))


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
            why = prerelease_note(spec, excluded)
            yield PC302.at(
                plugin,
                item.declared.location,
                f"{text!r} excludes {dist} {show_versions(excluded)}, the host's API "
                f"({host.source}){why}; the installer refuses the plugin or downgrades the host's "
                "API",
                fix=f"widen the range to admit {show_versions(excluded)}, e.g. "
                f"'{suggest(spec, host.versions, dist)}'",
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
                f"'{suggest(spec, (), dist)}'",
                autofix=_respecified(item, _compatible(spec, pin), "allow compatible releases:"),
            )
            continue
        base = max(admitted) if admitted else None
        if base is None and not host.versions:
            base = lower_major(spec)
        if base is None:
            continue
        major = major_floor(base)
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
                fix=f"cap the range below the next major: '{suggest(spec, admitted, dist)}'",
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
    # tomlkit loads with the first fix made, not at every start of plugcheck
    from plugcheck.autofix.pyproject import replace_requirement, with_specifier

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
        suggest(spec, versions, dist).removeprefix(dist),
        f">={low},<{top.major + 1}",
    ):
        if candidate and all(admits(SpecifierSet(candidate), v) for v in versions):
            return candidate
    return ""


def _compatible(spec: SpecifierSet, pin: Specifier) -> str:
    """``==2.1.0`` -> ``~=2.1.0`` (``==2`` -> ``>=2,<3``), the rest of ``spec`` kept."""
    version = as_version(pin.version)
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
