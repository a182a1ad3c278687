"""PC008: a plugin named by path whose distribution (or project) declares no entry point in the
group the host finds its plugins through, though it imports the host's API: the host never loads
it (sqlite-utils-sqlite-vec 0.1.0 imports ``sqlite_utils.hookimpl`` and ships no
``entry_points.txt``)."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from pathlib import Path

from plugcheck.discovery.placement import import_roots
from plugcheck.explicit_paths import declaring, in_groups
from plugcheck.model import Contract, Finding, Location, Origin, Plugin, Severity
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.host_packages import host_packages

PC008 = rule(
    "PC008",
    "not-advertised-in-group",
    Severity.ERROR,
    "A plugin named by path imports the host's API, but its distribution or project declares no "
    "entry point in the group the host finds its plugins through: the host never loads it.",
    fix="declare the plugin's module under the contract's entry-point group in the project's "
    'metadata ([project.entry-points."<group>"] in pyproject.toml) and reinstall it',
    # A host may also load plugins by routes a contract need not spell out (xonsh's xontrib
    # namespace, pytest's -p, a config naming modules): only its author knows the group is all.
    opt_in=True,
)

# Contract keys that find plugins by other means than the group: a plugin they reach is loaded.
_OTHER_DISCOVERY = ("namespace", "module-name-pattern")


@plugin_check(PC008)
def unadvertised(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    contract = ctx.contract
    group = contract.entry_point_group
    if plugin.origin is not Origin.EXPLICIT or not group or not _group_only(contract):
        return
    hosts = host_packages(contract)
    if plugin.module.split(".")[0] in hosts:
        return  # the host's own package, named by path
    evidence = _host_import(ctx, plugin, hosts)
    if evidence is None:
        return  # nothing shows it is meant for this host (another contract's plugin)
    found = declaring(plugin.root, import_roots(contract, ctx.env.sys_path))
    if found is None or in_groups(contract, found[1]):
        return
    who, declared = found
    others = ", ".join(sorted(declared))
    kind = "groups matching" if contract.group_pattern else "group"
    what = (
        f"declares entry points of {others}, none in the {kind} {group}"
        if others
        else f"declares no entry point in the {kind} {group}"
    )
    where, line, imported = evidence
    yield Finding(
        code=PC008.code,
        severity=PC008.severity,
        message=(
            f"{who} {what}: the host finds its plugins through that {kind} only, so it never "
            f"loads {plugin.module}, though that imports {imported} from the host"
        ),
        location=Location(where, line),
        plugin=plugin.reported_name,
        contract=contract.name,
        fix=PC008.fix.replace("<group>", group) if PC008.fix else None,
    )


def _group_only(contract: Contract) -> bool:
    """Whether the host finds plugins through its entry-point group only (no ``paths`` glob, no
    namespace package, no module-name scan)."""
    return not contract.paths and not any(contract.options.get(k) for k in _OTHER_DISCOVERY)


def _host_import(
    ctx: Context, plugin: Plugin, hosts: Sequence[str]
) -> tuple[Path, int, str] | None:
    """The first absolute import of a host package in the plugin's files, its module first."""
    files = [plugin.module_path] if plugin.module_path else []
    files += [f for f in plugin.files if f != plugin.module_path]
    for path in files:
        info = ctx.index.info(path)
        if info is None:
            continue
        for node in info.every_import:
            for name in _names(node):
                if name.split(".")[0] in hosts:
                    return path, node.lineno, name
    return None


def _names(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return [node.module] if node.module and not node.level else []
