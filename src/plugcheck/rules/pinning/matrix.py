"""The plugins x API versions table for ``--api-version a,b``, and a note when the host's API
version is unknown (PC302 and PC307 then judge nothing)."""

from __future__ import annotations

from collections.abc import Iterator

from packaging.version import Version

from plugcheck.model import (
    Finding,
    Matrix,
    MatrixRow,
    Plugin,
)
from plugcheck.options import UsageError
from plugcheck.passes import RunInput, RunPass, register_pass
from plugcheck.rules.base import Context, contract_check
from plugcheck.rules.pinning.constant import API_VERSION_KEY, PC307
from plugcheck.rules.pinning.dependencies import PC302
from plugcheck.rules.pinning.requirements import api_requirements
from plugcheck.rules.pinning.versions import (
    admits,
    admits_next_major,
    as_version,
    constant_compatible,
    exact_pin,
    host_versions,
    literal_value,
    major_floor,
)
from plugcheck.static.index import Resolved


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
            exact_pin(a.specifier) or admits_next_major(a.specifier, major_floor(version))
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
    return as_version(str(value[0])) if value else None


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
    bad = [v for v in data.options.api_versions if as_version(v) is None]
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
