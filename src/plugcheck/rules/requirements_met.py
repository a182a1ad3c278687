"""PC310: a host that loads entry points through ``pkg_resources`` (``ep.load()``, whose default
``require=True`` resolves the distribution's requirements first) never loads a plugin whose
requirements the target environment does not meet.

Judged as ``pkg_resources.WorkingSet.resolve`` does, from the installed metadata alone: the
plugin distribution's ``Requires-Dist`` (with the extras its entry point names) whose markers hold
on the target, then each required distribution's own, transitively; a requirement is unmet when
no distribution of its name is installed (``DistributionNotFound``) or the installed version is
outside its specifier, pre-releases included (``VersionConflict``). Only with the contract's
``entry-point-require = true``: ``importlib.metadata``'s ``load()`` checks nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from plugcheck import config as _config
from plugcheck import projectmeta
from plugcheck.model import Finding, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.pinning.requirements import applies, marker_environment

PC310 = rule(
    "PC310",
    "entry-point-requirements-unmet",
    Severity.ERROR,
    "The host loads entry points with pkg_resources (`entry-point-require`), and a requirement "
    "of the plugin's distribution is not installed at a version it admits: load() raises.",
)

REQUIRE = "entry-point-require"

FIELDS = {
    REQUIRE: _config.Field(
        _config.boolean,
        _config.BOOLEAN,
        "The host loads entry points with pkg_resources' ep.load() (require=True), which "
        "refuses a plugin whose requirements are not installed (default false; PC310).",
    ),
}
"""Contract keys of PC310 (any Python kind)."""


@dataclass(frozen=True, slots=True)
class _Unmet:
    requirement: Requirement
    wanted_by: str
    installed: str | None
    """The installed version; ``None``: no distribution of that name."""


@plugin_check(PC310)
def requirements_met(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    ep = plugin.entry_point
    if ctx.contract.options.get(REQUIRE, False) is not True or ep is None or not ep.distribution:
        return
    found = projectmeta.installed(ep.distribution, ctx.env.sys_path)
    if found is None:
        return  # no readable metadata: PC005 / the unread-distribution notes say so
    unmet = list(_resolve(ctx, ep.distribution, found[1], _extras(ep.value)))
    if not unmet:
        return
    first = unmet[0]
    req = first.requirement
    if first.installed is None:
        what = f"{req.name} is not installed: load() raises DistributionNotFound"
    else:
        what = f"{req.name} {first.installed} is installed: load() raises VersionConflict"
    chain = (
        f"{ep.distribution} requires {req}"
        if first.wanted_by == ep.distribution
        else f"{ep.distribution} requires {first.wanted_by}, which requires {req}"
    )
    more = f" (and {len(unmet) - 1} more unmet)" if len(unmet) > 1 else ""
    yield PC310.at(
        plugin,
        plugin.claim,
        f"{chain}, and {what}; the host's pkg_resources never loads entry point {ep.name}{more}",
        fix=f"install a version of {req.name} that {ep.distribution} admits, or release "
        f"{ep.distribution} with a requirement the host's environment meets",
    )


def _extras(value: str) -> tuple[str, ...]:
    """The extras an entry point names (``module:attr [extra1, extra2]``)."""
    inside = value.partition("[")[2].partition("]")[0]
    return tuple(canonicalize_name(e) for e in inside.split(",") if e.strip())


def _resolve(
    ctx: Context, root: str, requires: tuple[str, ...], extras: tuple[str, ...]
) -> Iterator[_Unmet]:
    """Every unmet requirement reached from ``root``'s, breadth first (as pkg_resources walks
    them); a distribution is followed once, with the extras first asked of it."""
    base = marker_environment(ctx)
    todo: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [(root, requires, extras)]
    seen = {canonicalize_name(root)}
    while todo:
        owner, texts, asked = todo.pop(0)
        for text in texts:
            try:
                req = Requirement(text)
            except InvalidRequirement:
                continue  # PC305 reports it where plugcheck reads the plugin's own project
            if not any(applies(req.marker, {**base, "extra": e}) for e in ("", *asked)):
                continue
            name = canonicalize_name(req.name)
            version = ctx.env.distributions.get(name)
            if version is None:
                yield _Unmet(req, owner, None)
                continue
            try:
                admitted = req.specifier.contains(Version(version), prereleases=True)
            except InvalidVersion:
                continue  # pkg_resources' legacy versions: not judged
            if not admitted:
                yield _Unmet(req, owner, version)
                continue
            if name in seen:
                continue
            seen.add(name)
            dist = projectmeta.installed(name, ctx.env.sys_path)
            if dist is not None:
                todo.append((req.name, dist[1], tuple(canonicalize_name(e) for e in req.extras)))
