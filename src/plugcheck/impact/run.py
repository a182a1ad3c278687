"""``plugcheck impact``: the full check on a before and an after environment, and the delta."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from plugcheck.engine import check, resolve_config
from plugcheck.impact.carry import after_side
from plugcheck.impact.causes import ApiError, Change, breaking_changes
from plugcheck.impact.delta import Delta, Status, compare
from plugcheck.impact.sides import Side, build, install_for, parse_spec, side_check
from plugcheck.options import Options
from plugcheck.rules.host_names import host_packages
from plugcheck.run_report import Report


@dataclass(frozen=True, slots=True)
class ImpactOptions:
    before: str
    after: str
    check: Options = field(default_factory=Options)
    """The check each side runs (its ``python`` is the side's environment)."""
    requirements: Path | None = None
    """Plugin distributions installed into both sides' environments."""
    find_links: tuple[Path, ...] = ()
    no_index: bool = False
    builds: bool = False
    """``--allow-builds``: build plugin distributions that have no wheel."""
    cache_home: Path | None = None
    """Where environments are kept (default: ``$XDG_CACHE_HOME/plugcheck/impact``)."""


@dataclass(slots=True)
class Impact:
    sides: tuple[Side, Side]
    reports: tuple[Report, Report]
    delta: Delta
    notes: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall time of each phase: ``environments``, ``before``, ``after``, ``changes``."""
    shard: tuple[int, int] | None = None
    """``--shard I/N``: the slice of the plugins this run checked."""
    carried: dict[tuple[str, str], str | None] = field(default_factory=dict)
    """(contract, normalised plugin name) -> ``None``: the after side carried its before
    side's results over; else why it was checked again (``impact.carry``)."""

    def failed(self) -> bool:
        """Something newly breaks."""
        return bool(self.delta.of(Status.NEWLY_BROKEN))

    def incomplete(self) -> bool:
        return any(r.errors or r.crashes for r in self.reports)


def cache_home() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "plugcheck" / "impact"


def impact(options: ImpactOptions) -> Impact:
    """Build (or reuse) both sides' environments, check every plugin on each, compare."""
    config, _ = resolve_config(options.check)
    install = install_for(
        config, options.requirements, options.find_links, options.no_index, options.builds
    )
    home = options.cache_home or cache_home()
    seconds: dict[str, float] = {}
    started = time.monotonic()
    sides = (
        build(parse_spec(options.before, config.source.parent), install, home),
        build(parse_spec(options.after, config.source.parent), install, home),
    )
    seconds["environments"] = time.monotonic() - started
    started = time.monotonic()
    checks, trees = [], []
    for side in sides:
        side_options, tree_note = side_check(
            replace(options.check, python=side.python, api_from_target=True), side, config
        )
        checks.append(side_options)
        trees.extend([tree_note] if tree_note else [])
    reports = [check(checks[0])]
    seconds["before"] = time.monotonic() - started
    started = time.monotonic()
    after, carry = after_side((checks[0], checks[1]), reports[0], sides)
    reports.append(after)
    seconds["after"] = time.monotonic() - started
    notes = [
        f"{name}: {side.spec.text} ({'cached environment' if side.cached else 'new environment'} "
        f"{side.env_dir})"
        for name, side in zip(("before", "after"), sides, strict=True)
    ]
    notes += trees
    kept = sorted(name for (_, name), why in carry.items() if why is None)
    if kept:
        notes.append(
            f"after side: {len(kept)} of {len(carry)} plugins carried over from the before side "
            f"(nothing they or the host packages they load reach differs): {', '.join(kept)}"
        )
    started = time.monotonic()
    changes: list[Change] = []
    # The packages plugins use of their host: the API package, a pluggy host's hookspec
    # package and project, a subclass contract's base package, or `host-packages`.
    for package in sorted({p for c in config.contracts for p in host_packages(c)}):
        try:
            changes += breaking_changes(package, reports[0].env.sys_path, reports[1].env.sys_path)
        except ApiError as exc:
            notes.append(f"no API changes: {exc}")
    seconds["changes"] = time.monotonic() - started
    delta = compare(
        reports[0],
        reports[1],
        changes,
        (sides[0].dirs, sides[1].dirs),
        reports[1].fail_on,
    )
    return Impact(
        (sides[0], sides[1]),
        (reports[0], reports[1]),
        delta,
        notes,
        seconds,
        options.check.shard,
        carry,
    )
