"""Entry points of a distribution whose metadata plugcheck cannot read (PC005): the host loads
them, so they are a finding, never a note under "All checks passed"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from plugcheck._query import intended_group
from plugcheck.model import Finding, Location, Severity
from plugcheck.rules.base import Context, contract_check, rule

PC005 = rule(
    "PC005",
    "distribution-not-checked",
    Severity.ERROR,
    "An installed distribution provides (or may provide) an entry point of the contract's group, "
    "but its metadata cannot be read (not UTF-8, over 32 MiB): the host's entry_points() loads "
    "the plugin, plugcheck does not check it; or it declares the entry point under the group "
    "spelled as a Python literal (b'group'), which the host never loads.",
    fix="repair or reinstall the distribution (its METADATA must be UTF-8 and at most 32 MiB, "
    "its entry_points.txt must name the group as it is), or uninstall it",
)


@contract_check(PC005, always=True)  # `plugcheck harness` said "All checks passed: 0 plugins"
def unread_distributions(ctx: Context) -> Iterator[Finding]:
    group = ctx.contract.entry_point_group
    if not group:
        return
    for item in ctx.env.unchecked:
        spelled = item["group"]
        intended = intended_group(spelled) if spelled is not None else None
        misfiled = intended is not None and ctx.contract.in_group(intended)
        if spelled is not None and not ctx.contract.in_group(spelled) and not misfiled:
            continue
        dist = Path(item["dist"]).name
        if misfiled:
            what = (
                f"entry point {item['name']} in {dist} is declared under the group {spelled}, "
                f"not {intended}: the host's entry_points(group={intended!r}) never returns it, so "
                "the plugin is never loaded (and pkg_resources refuses every entry point of the "
                "environment: ValueError: Invalid group name, which stops a host that uses it)"
            )
            plugin = item["name"] or dist
        elif item["name"] is None:
            what = (
                f"{dist} may provide plugins of {_groups(ctx)}: neither its metadata nor its entry "
                f"points can be read ({item['reason']})"
            )
            plugin = dist
        else:
            what = (
                f"entry point {item['name']} of {spelled} in {dist} is not checked: the "
                f"distribution's metadata cannot be read ({item['reason']}); the host's "
                "entry_points() reads only entry_points.txt and loads it"
            )
            plugin = item["name"]
        yield Finding(
            code=PC005.code,
            severity=PC005.severity,
            message=what,
            location=Location(Path(item["file"]), item["line"]),
            plugin=plugin,
            contract=ctx.contract.name,
            fix=PC005.fix,
        )


def _groups(ctx: Context) -> str:
    group = ctx.contract.entry_point_group or ""
    return f"the groups matching {group}" if ctx.contract.group_pattern else group
