"""``plugcheck matrix``: plugins x host (or API) versions, each cell a full check of one plugin
in the environment of one version. Cells are cached by everything they depend on, so a re-run
checks only the cells whose plugin, version, configuration or options changed."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name

from plugcheck._code_stamp import code_stamp
from plugcheck.config import Config
from plugcheck.engine import check, resolve_config
from plugcheck.impact.run import cache_home
from plugcheck.impact.sides import Side, build, install_for, parse_spec, side_check
from plugcheck.model import Plugin, Severity
from plugcheck.options import Options, UsageError
from plugcheck.report.json_ import finding as finding_document
from plugcheck.run_report import NOT_CHECKED
from plugcheck.shard import shard_of

WORST = ("ok", "info", "warning", "error")
"""A cell's verdict, best first: its worst finding's severity, ``ok`` without findings."""


@dataclass(frozen=True, slots=True)
class MatrixOptions:
    versions: tuple[str, ...]
    """The columns: SPECs as ``plugcheck impact`` takes them."""
    check: Options = field(default_factory=Options)
    requirements: Path | None = None
    find_links: tuple[Path, ...] = ()
    no_index: bool = False
    builds: bool = False
    """``--allow-builds``: build plugin distributions that have no wheel."""
    cache_home: Path | None = None
    cache: bool = True
    """Read and write cached cells (environments are cached regardless)."""


@dataclass(frozen=True, slots=True)
class Cell:
    worst: str
    findings: tuple[dict[str, Any], ...]
    cached: bool = False


@dataclass(slots=True)
class MatrixResult:
    config: Config
    columns: list[Side]
    rows: list[tuple[str, str]] = field(default_factory=list)
    """(contract, plugin name), sorted."""
    cells: dict[tuple[str, str, str], Cell] = field(default_factory=dict)
    """(contract, plugin, column SPEC) -> the cell; a cell of another shard is absent."""
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    shard: tuple[int, int] | None = None

    @property
    def fail_on(self) -> Severity:
        return self.config.fail_on

    def failed(self) -> bool:
        threshold = WORST.index(self.fail_on.value)
        return any(WORST.index(c.worst) >= threshold for c in self.cells.values())


def in_cell_shard(plugin: Plugin, spec: str, shard: tuple[int, int] | None) -> bool:
    """Whether ``shard`` checks the cell of ``plugin`` and the version ``spec``: cells, not
    plugins, are sharded, so one plugin's versions spread over the shards too."""
    if shard is None:
        return True
    index, count = shard
    return shard_of(f"{plugin.contract}\0{spec}", plugin.name, count) == index


def matrix(options: MatrixOptions) -> MatrixResult:
    if not options.versions:
        raise UsageError(["give at least one --version SPEC"])
    if len(set(options.versions)) != len(options.versions):
        raise UsageError(["a --version SPEC is given twice"])
    config, columns, home = _columns(options)
    shard = options.check.shard
    result = MatrixResult(config=config, columns=columns, shard=shard)
    rows: dict[tuple[str, str], str] = {}
    for side in columns:
        base, tree_note = _column_check(options, side, config)
        result.notes.extend([tree_note] if tree_note else [])
        found = check(replace(base, static=False, dynamic=False, mypy=False))
        result.config = found.config
        plugins = [p for p in found.plugins if in_cell_shard(p, side.spec.text, shard)]
        for p in found.plugins:
            rows.setdefault((p.contract, canonicalize_name(p.name)), p.name)
        keys = {p.key: _cell_key(side, p, found.config, base) for p in plugins}
        pending = []
        for plugin in plugins:
            cell = _load(home, keys[plugin.key]) if options.cache else None
            if cell is None:
                pending.append(plugin)
            else:
                result.cells[(plugin.contract, plugin.name, side.spec.text)] = cell
        if pending:
            report = check(replace(base, only=tuple(sorted({p.name for p in pending}))))
            problems = [*report.errors, *report.crashes]
            result.errors.extend(f"{side.spec.text}: {e}" for e in problems)
            # What `plugcheck check`'s passing summary names as left out, in the grid's notes.
            result.notes.extend(f"{side.spec.text}: not checked: {p}" for p in report.partial)
            for plugin in pending:
                mine = [
                    f
                    for f in report.findings
                    if f.contract == plugin.contract
                    and canonicalize_name(f.plugin) == canonicalize_name(plugin.reported_name)
                ]
                worst = max((f.severity for f in mine), default=None)
                # Not checked past a step (PC423, a warning): never a pass, whatever fail-on
                # says, as `Report.failed` has it (before, the cell passed; red team red32).
                unchecked = any(f.code in NOT_CHECKED for f in mine)
                cell = Cell(
                    "error" if unchecked else worst.value if worst is not None else "ok",
                    tuple(finding_document(f) for f in mine),
                )
                result.cells[(plugin.contract, plugin.name, side.spec.text)] = cell
                if options.cache and not problems:
                    _store(home, keys[plugin.key], cell)
        checked = len(plugins) - len(pending)
        result.notes.append(
            f"{side.spec.text}: {len(pending)} cell{'s' if len(pending) != 1 else ''} checked, "
            f"{checked} from the cache"
        )
    result.rows = sorted((contract, name) for (contract, _), name in rows.items())
    return result


def listed(options: MatrixOptions) -> list[tuple[str, str, str]]:
    """Every cell of the matrix, (contract, plugin, version SPEC), sorted: the plugins each
    version's environment has (discovery only; the environments are built when missing)."""
    config, columns, _ = _columns(options)
    cells: set[tuple[str, str, str]] = set()
    for side in columns:
        base, _ = _column_check(options, side, config)
        found = check(replace(base, static=False, dynamic=False, mypy=False))
        cells.update((p.contract, p.name, side.spec.text) for p in found.plugins)
    return sorted(cells)


def _columns(options: MatrixOptions) -> tuple[Config, list[Side], Path]:
    """The configuration, each version's environment (built or reused), the cache home."""
    config, _ = resolve_config(options.check)
    install = install_for(
        config, options.requirements, options.find_links, options.no_index, options.builds
    )
    home = options.cache_home or cache_home()
    columns = [build(parse_spec(v, config.source.parent), install, home) for v in options.versions]
    return config, columns, home


def _column_check(options: MatrixOptions, side: Side, config: Config) -> tuple[Options, str | None]:
    """The check of one column (its environment, a git ref's tree), and where its plugins
    came from when that is a git ref's tree."""
    base = replace(options.check, python=side.python, api_from_target=True, shard=None)
    return side_check(base, side, config)


def _cell_key(side: Side, plugin: Plugin, config: Config, options: Options) -> str:
    """Everything a cell's verdict depends on: plugcheck, the environment (its SPEC), the
    configuration file, the plugin's files and the options that change what is checked."""
    digest = hashlib.sha256()
    for part in (
        code_stamp(),
        side.env_dir.name,
        plugin.contract,
        plugin.name,
        str(plugin.module_path or plugin.root),
        repr(
            (
                options.select,
                options.ignore,
                options.fail_on,
                options.mypy,
                options.dynamic,
                options.static,
                options.strict_plugins,
                options.confine,
                options.contracts,
            )
        ),
    ):
        digest.update(part.encode() + b"\0")
    sources = [config.source, *plugin.files]
    if plugin.project is not None and plugin.project.source is not None:
        sources.append(plugin.project.source)
    for path in sorted(set(sources)):
        try:
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            digest.update(str(path).encode() + b"\0missing\0")
    return digest.hexdigest()[:32]


def _load(home: Path, key: str) -> Cell | None:
    try:
        data = json.loads((home / "cells" / f"{key}.json").read_bytes())
        return Cell(str(data["worst"]), tuple(data["findings"]), cached=True)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store(home: Path, key: str, cell: Cell) -> None:
    directory = home / "cells"
    directory.mkdir(parents=True, exist_ok=True)
    work = directory / f"{key}.tmp-{os.getpid()}"
    work.write_text(json.dumps({"worst": cell.worst, "findings": list(cell.findings)}))
    work.replace(directory / f"{key}.json")
