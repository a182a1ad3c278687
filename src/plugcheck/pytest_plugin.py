"""pytest plugin: ``pytest --plugcheck`` makes each plugin of each contract a test item, and the
``plugcheck_run`` fixture runs the checker inside a plugin author's own suite.

Under xdist each item belongs to one of N batches (N = workers; the same stable hash as
``--shard``): the first item of a batch checks the whole batch in one run (one mypy run, one
harness pool) and the others read their findings from it. ``pytest -n auto --dist loadgroup``
sends each batch to one worker, so a large fleet fans out across cores with no repeated work.
plugcheck itself is imported lazily: this module is loaded by every pytest run in an environment
where plugcheck is installed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from plugcheck.model import Plugin, Severity
    from plugcheck.run_report import Report

PlugcheckRun = Callable[..., "Report"]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("plugcheck", "plugin contract checks (plugcheck)")
    group.addoption(
        "--plugcheck",
        action="store_true",
        help="Collect one test per plugin per [tool.plugcheck] contract; it fails with the "
        "plugin's findings.",
    )
    group.addoption(
        "--plugcheck-config",
        metavar="FILE",
        help="pyproject.toml holding [tool.plugcheck] (default: nearest one upwards from the "
        "first path argument, else from the rootdir).",
    )
    parser.addini(
        "plugcheck_config",
        "pyproject.toml holding [tool.plugcheck], relative to the ini file (as --plugcheck-config)",
        default="",
    )
    group.addoption(
        "--plugcheck-python",
        metavar="PATH",
        help="Interpreter whose environment the host runs in (default: this one).",
    )
    group.addoption(
        "--plugcheck-static-only",
        action="store_true",
        help="Skip the dynamic harness (static checks and mypy only).",
    )


def _config_path(config: pytest.Config) -> Path:
    from plugcheck.config import find_config
    from plugcheck.published import find_project

    given = config.getoption("plugcheck_config")
    if given:
        return Path(given).resolve()
    from_ini = str(config.getini("plugcheck_config") or "")
    if from_ini:
        base = config.inipath.parent if config.inipath else config.rootpath
        return (base / from_ini).resolve()
    starts = [Path(a.split("::")[0]) for a in config.args]
    starts = [s if s.is_absolute() else config.invocation_params.dir / s for s in starts]
    for start in [*starts, config.rootpath]:
        found = find_config(start)
        if found is not None:
            return found
    # A plugin's own suite: its project, checked against the contracts that apply to it.
    project = find_project([*starts, config.rootpath], [])
    if project is not None:
        return project.pyproject
    raise pytest.UsageError(
        "--plugcheck: no pyproject.toml with [tool.plugcheck] found, nor a plugin project's "
        "[project]; pass --plugcheck-config"
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Add the plugcheck items first, so -k, -m and xdist see them like any other test."""
    if not config.getoption("plugcheck"):
        return
    contract_file = ContractFile.from_parent(session, path=_config_path(config))
    items[:0] = list(contract_file.collect())


def _options(config: pytest.Config, contract_file: Path, **extra: Any) -> Any:
    from plugcheck.config import has_table
    from plugcheck.engine import Options

    python = config.getoption("plugcheck_python")
    settings: dict[str, Any] = {
        "paths": (contract_file.parent,),
        # A plugin project's pyproject.toml: the engine finds the contracts that apply.
        "config": contract_file if has_table(contract_file) else None,
        "python": Path(python) if python else None,
        "dynamic": not config.getoption("plugcheck_static_only"),
    }
    return Options(**{**settings, **extra})


class ContractFile(pytest.File):
    """The pyproject.toml that declares the contracts; its children are the plugins."""

    def collect(self) -> Iterator[pytest.Item]:
        from plugcheck.engine import UsageError, check

        # Discovery only: every check is off, so this lists the plugins without checking them.
        options = _options(self.config, self.path, static=False, dynamic=False, mypy=False)
        try:
            report = check(options)
        except UsageError as exc:
            raise pytest.UsageError("plugcheck: " + "; ".join(exc.problems)) from None
        from plugcheck.shard import shard_of

        count = _batches(self.config)
        seen: set[tuple[str, str]] = set()
        for plugin in sorted(report.plugins, key=_key):
            if _key(plugin) in seen:  # two claimants of one name: one item checks both
                continue
            seen.add(_key(plugin))
            batch = shard_of(plugin.contract, plugin.name, count)
            item = PluginItem.from_parent(
                self, name=f"{plugin.contract}::{plugin.name}", plugin=plugin, batch=batch
            )
            if count > 1:  # with `--dist loadgroup`, xdist sends a whole batch to one worker
                item.add_marker(pytest.mark.xdist_group(f"plugcheck-{batch}-of-{count}"))
            yield item


def _batches(config: pytest.Config) -> int:
    """How many batches to cut the plugins into: one per xdist worker, else one."""
    workers = getattr(config, "workerinput", {}).get("workercount")
    return int(workers) if workers else 1


_REPORTS: dict[tuple[Path, str, int, int], Report] = {}
"""Batch reports of this process, so a batch's plugins share one run (one mypy, one pool)."""


def _key(plugin: Plugin) -> tuple[str, str]:
    return (plugin.contract, plugin.name)


class PluginFailure(Exception):
    """A plugin has findings at or above the contract's ``fail-on`` severity."""


class PluginItem(pytest.Item):
    def __init__(self, *, plugin: Plugin, batch: int = 1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.plugin = plugin
        self.batch = batch
        self.add_marker("plugcheck")

    def runtest(self) -> None:
        from packaging.utils import canonicalize_name

        from plugcheck.report.text import render
        from plugcheck.run_report import Report

        assert isinstance(self.parent, ContractFile)
        contract, count = self.plugin.contract, _batches(self.config)
        key = (self.parent.path, contract, self.batch, count)
        if key not in _REPORTS:
            shard = (self.batch, count) if count > 1 else None
            _REPORTS[key] = _run(
                _options(self.config, self.parent.path, contracts=(contract,), shard=shard)
            )
        batch = _REPORTS[key]
        name = canonicalize_name(self.plugin.name)
        mine = Report(
            config=batch.config,
            env=batch.env,
            plugins=[p for p in batch.plugins if canonicalize_name(p.name) == name],
            findings=[f for f in batch.findings if canonicalize_name(f.plugin) == name],
            crashes=[c for c in batch.crashes if self.plugin.name in c],
            errors=list(batch.errors),
        )
        if mine.crashes or mine.errors or mine.failed():
            raise PluginFailure(render(mine, color=False))

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str:
        if isinstance(excinfo.value, PluginFailure):
            return str(excinfo.value).rstrip()
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        where = self.plugin.module_path or self.plugin.root
        return where, None, f"plugcheck {self.plugin.contract}::{self.plugin.name}"


def _run(options: Any) -> Report:
    from plugcheck.engine import UsageError, check

    try:
        return check(options)
    except UsageError as exc:
        problems = exc.problems
    pytest.fail("plugcheck: " + "; ".join(problems), pytrace=False)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "plugcheck: a plugin checked by `pytest --plugcheck`")


@pytest.fixture
def plugcheck_run() -> PlugcheckRun:
    """Run plugcheck from a test: ``plugcheck_run(path, config=..., select=(...))`` -> Report.

    ``path`` is a host directory, or a plugin path checked against ``config`` (the host's
    pyproject.toml). Keyword arguments are :class:`plugcheck.Options` fields; a usage error
    fails the test with its message. ``report.findings`` lists what is wrong,
    ``report.failed()`` says whether the contract's ``fail-on`` severity was reached.
    """
    from plugcheck.engine import Options

    def run(*paths: str | Path, config: str | Path | None = None, **options: Any) -> Report:
        fail_on: Severity | str | None = options.pop("fail_on", None)
        if isinstance(fail_on, str):
            from plugcheck.model import Severity

            fail_on = Severity(fail_on)
        return _run(
            Options(
                paths=tuple(Path(p) for p in paths),
                config=Path(config) if config is not None else None,
                fail_on=fail_on,
                **options,
            )
        )

    return run
