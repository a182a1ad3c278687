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
    from plugcheck.impact.matrix import MatrixResult
    from plugcheck.model import Finding, Plugin, Severity
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
    group.addoption(
        "--plugcheck-version",
        action="append",
        default=[],
        metavar="SPEC",
        help="One item per plugin per version (repeat): a `plugcheck matrix` cell, the plugin "
        "checked in that version's environment (SPEC as `plugcheck matrix --version` takes it).",
    )
    group.addoption(
        "--plugcheck-requirements",
        metavar="FILE",
        help="With --plugcheck-version: plugin distributions to install in each environment.",
    )
    group.addoption(
        "--plugcheck-find-links",
        action="append",
        default=[],
        metavar="DIR",
        help="With --plugcheck-version: a directory of wheels for the environments (repeat).",
    )
    group.addoption(
        "--plugcheck-no-index",
        action="store_true",
        help="With --plugcheck-version: build the environments without the package index.",
    )
    group.addoption(
        "--plugcheck-allow-builds",
        action="store_true",
        help="With --plugcheck-version: build distributions that have no wheel (runs their "
        "setup.py as you; refused by default).",
    )
    group.addoption(
        "--plugcheck-report",
        metavar="FILE",
        help="Write the JSON report of every plugin (with --plugcheck-version: the matrix) to "
        "FILE, one report joined from all pytest-xdist workers.",
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
        return project.source
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
        # A plugin project's pyproject.toml (or setup.cfg, setup.py): the engine finds the
        # contracts that apply.
        "config": contract_file
        if contract_file.suffix == ".toml" and has_table(contract_file)
        else None,
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
        from plugcheck.engine import shard_key
        from plugcheck.shard import plugin_shard

        count = _batches(self.config)
        if self.config.getoption("plugcheck_version"):
            yield from self._cells(count)
            return
        kinds = {c.name: c.kind for c in report.config.contracts}
        seen: set[tuple[str, str]] = set()
        for plugin in sorted(report.plugins, key=_key):
            if _key(plugin) in seen:  # two claimants of one name: one item checks both
                continue
            seen.add(_key(plugin))
            # The batch is the `--shard` slice its run checks (a kind may keep plugins together).
            batch = plugin_shard(plugin, count, shard_key(kinds.get(plugin.contract, "")))
            item = PluginItem.from_parent(
                self, name=f"{plugin.contract}::{plugin.reported_name}", plugin=plugin, batch=batch
            )
            if count > 1:  # with `--dist loadgroup`, xdist sends a whole batch to one worker
                item.add_marker(pytest.mark.xdist_group(f"plugcheck-{batch}-of-{count}"))
            yield item
        yield from self._unlisted(report)

    def _unlisted(self, report: Report) -> Iterator[pytest.Item]:
        """An item for each plugin the listing reports on but could not list (PC005: an entry
        point of a distribution whose metadata cannot be read, which the host loads). No plugin
        item carried its findings: `pytest --plugcheck` passed where `plugcheck check` exits 1
        (red team red52)."""
        from packaging.utils import canonicalize_name

        listed = {(p.contract, canonicalize_name(p.reported_name)) for p in report.plugins}
        unlisted: dict[tuple[str, str], list[Finding]] = {}
        for finding in report.findings:
            if (finding.contract, canonicalize_name(finding.plugin)) not in listed:
                unlisted.setdefault((finding.contract, finding.plugin), []).append(finding)
        for (contract, name), findings in sorted(unlisted.items()):
            yield UnlistedItem.from_parent(
                self, name=f"{contract}::{name}", report=report, findings=findings
            )

    def _cells(self, count: int) -> Iterator[pytest.Item]:
        from plugcheck.engine import UsageError
        from plugcheck.impact.matrix import listed
        from plugcheck.shard import shard_of
        from plugcheck.untrusted import printable

        try:
            cells = listed(_matrix_options(self.config, self.path))
        except UsageError as exc:
            raise pytest.UsageError("plugcheck: " + "; ".join(exc.problems)) from None
        for contract, name, spec in cells:
            # The batch is the cell's `plugcheck matrix --shard` slice.
            batch = shard_of(f"{contract}\0{spec}", name, count)
            item = CellItem.from_parent(
                self,
                name=f"{contract}::{printable(name)}[{spec}]",
                cell=(contract, name, spec),
                batch=batch,
            )
            if count > 1:
                item.add_marker(pytest.mark.xdist_group(f"plugcheck-{batch}-of-{count}"))
            yield item


def _matrix_options(config: pytest.Config, contract_file: Path, **extra: Any) -> Any:
    from plugcheck.impact.matrix import MatrixOptions

    requirements = config.getoption("plugcheck_requirements")
    return MatrixOptions(
        versions=tuple(config.getoption("plugcheck_version")),
        check=_options(config, contract_file, **extra),
        requirements=Path(requirements).resolve() if requirements else None,
        find_links=tuple(Path(d).resolve() for d in config.getoption("plugcheck_find_links")),
        no_index=bool(config.getoption("plugcheck_no_index")),
        builds=bool(config.getoption("plugcheck_allow_builds")),
    )


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


class _FindingsItem(pytest.Item):
    """An item of ``pytest --plugcheck`` (marked ``plugcheck``) that fails with findings
    (:class:`PluginFailure`), shown as plugcheck prints them."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_marker("plugcheck")

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str:
        if isinstance(excinfo.value, PluginFailure):
            return str(excinfo.value).rstrip()
        return str(super().repr_failure(excinfo, style=style))


class _BatchItem(_FindingsItem):
    """An item in one of the run's batches: the first item of its ``batch`` checks the whole
    batch in one run."""

    def __init__(self, *, batch: int = 1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.batch = batch


class PluginItem(_BatchItem):
    def __init__(self, *, plugin: Plugin, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.plugin = plugin

    def runtest(self) -> None:
        from packaging.utils import canonicalize_name

        from plugcheck.report.text import render
        from plugcheck.run_report import Report

        assert isinstance(self.parent, ContractFile)
        contract, count = self.plugin.contract, _batches(self.config)
        key = (self.parent.path, contract, self.batch, count)
        if key not in _REPORTS:
            from plugcheck.report.json_ import render as json_report

            shard = (self.batch, count) if count > 1 else None
            _REPORTS[key] = _run(
                _options(self.config, self.parent.path, contracts=(contract,), shard=shard)
            )
            self.user_properties.append((_property(key[1:]), json_report(_REPORTS[key])))
        batch = _REPORTS[key]
        # Findings and crashes name a plugin printably (its name may hold escapes).
        shown = self.plugin.reported_name
        name = canonicalize_name(shown)
        if not any(canonicalize_name(p.reported_name) == name for p in batch.plugins):
            # Never a pass for a plugin its batch's run did not check.
            raise PluginFailure(f"{shown}: not checked in plugcheck batch {key[2:]}")
        mine = Report(
            config=batch.config,
            env=batch.env,
            plugins=[p for p in batch.plugins if canonicalize_name(p.reported_name) == name],
            findings=[f for f in batch.findings if canonicalize_name(f.plugin) == name],
            # A crash of another plugin's own check is that item's; any other (a whole pass
            # crashed) is every item's. Not by a name inside the text: a plugin named `k` is
            # in "the toy kind's check ... crashed", and every other item passed (red32).
            crashes=[c for c in batch.crashes if _crashed(c, batch.plugins) in (None, name)],
            errors=list(batch.errors),
        )
        if mine.crashes or mine.errors or mine.failed():
            raise PluginFailure(render(mine, color=False))
        if batch.partial:  # the CLI's passing summary names them: never a silent pass
            pytest.skip("plugcheck: no finding, but not checked: " + "; ".join(batch.partial))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        where = self.plugin.module_path or self.plugin.root
        return where, None, f"plugcheck {self.plugin.contract}::{self.plugin.reported_name}"


class UnlistedItem(_FindingsItem):
    """A plugin the host loads that plugcheck could not list, failing with what the listing
    said of it."""

    def __init__(self, *, report: Report, findings: list[Finding], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.report, self.findings = report, findings

    def runtest(self) -> None:
        from plugcheck.report.text import render
        from plugcheck.run_report import Report

        mine = Report(config=self.report.config, env=self.report.env, findings=self.findings)
        if mine.failed():
            raise PluginFailure(render(mine, color=False))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        where = self.findings[0].location
        return where.path, where.line - 1, f"plugcheck {self.name}"


def _crashed(crash: str, plugins: list[Plugin]) -> str | None:
    """The (canonical) name of the plugin whose own check ``crash`` is
    (``passes.guarded``: "checking NAME (CONTRACT) crashed"), else ``None``."""
    from packaging.utils import canonicalize_name

    for plugin in plugins:
        if crash.startswith(f"checking {plugin.name} ({plugin.contract}) crashed"):
            return canonicalize_name(plugin.reported_name)
    return None


_MATRICES: dict[tuple[Path, int, int], MatrixResult] = {}
"""Batch matrices of this process: a batch's cells share one `plugcheck matrix --shard` run."""


class CellItem(_BatchItem):
    """A `plugcheck matrix` cell: one plugin checked in one version's environment."""

    def __init__(self, *, cell: tuple[str, str, str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cell = cell

    def runtest(self) -> None:
        from plugcheck.engine import UsageError
        from plugcheck.impact.grid import json_text
        from plugcheck.impact.matrix import WORST, matrix

        assert isinstance(self.parent, ContractFile)
        count = _batches(self.config)
        key = (self.parent.path, self.batch, count)
        if key not in _MATRICES:
            shard = (self.batch, count) if count > 1 else None
            try:
                _MATRICES[key] = matrix(_matrix_options(self.config, self.parent.path, shard=shard))
            except UsageError as exc:
                pytest.fail("plugcheck: " + "; ".join(exc.problems), pytrace=False)
            self.user_properties.append((_property(key[1:]), json_text(_MATRICES[key])))
        result = _MATRICES[key]
        cell = result.cells.get(self.cell)
        if result.errors or cell is None:
            raise PluginFailure("\n".join(result.errors or ["the cell was not checked"]))
        if WORST.index(cell.worst) >= WORST.index(result.fail_on.value):
            raise PluginFailure(
                "\n".join(
                    f"{f['path']}:{f['line']}:{f['column']}: {f['code']} {f['message']}"
                    for f in cell.findings
                )
            )

    def reportinfo(self) -> tuple[Path, int | None, str]:
        from plugcheck.untrusted import printable

        contract, name, spec = self.cell
        return self.path, None, f"plugcheck {contract}::{printable(name)} [{spec}]"


_REPORT_PROPERTY = "plugcheck-report"
_COLLECTED: dict[str, str] = {}
"""The JSON report of each batch, by its property's name (a batch checked by two workers,
under ``--dist load``, counts once)."""


def _property(batch: tuple[object, ...]) -> str:
    """The user property a batch's first item carries the batch's JSON report in: it travels
    with the test report from an xdist worker (also one on another machine, ``--tx``) to the
    controller, which joins them into ``--plugcheck-report``."""
    return f"{_REPORT_PROPERTY} {' '.join(map(str, batch))}"


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    for name, value in report.user_properties:
        if str(name).startswith(_REPORT_PROPERTY) and isinstance(value, str):
            _COLLECTED.setdefault(str(name), value)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Write ``--plugcheck-report`` (on the controller only, when xdist runs)."""
    import json

    from plugcheck.report.merge import MergeError, merge

    target = session.config.getoption("plugcheck_report", None)
    if not target or hasattr(session.config, "workerinput"):
        return
    # One report per contract and batch: the items checked that every plugin is in its batch's,
    # and a batch no plugin fell in never ran. Not shards for merge to count.
    documents = [{**json.loads(text), "shard": None} for text in _COLLECTED.values()]
    if not documents:
        return
    try:
        joined = documents[0] if len(documents) == 1 else merge(documents)
    except MergeError as exc:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"plugcheck: --plugcheck-report not written: {exc}", red=True)
        return
    Path(target).write_text(json.dumps(joined, indent=2) + "\n", encoding="utf-8")


def _run(options: Any) -> Report:
    from plugcheck.engine import UsageError, check

    try:
        return check(options)
    except UsageError as exc:
        problems = exc.problems
    pytest.fail("plugcheck: " + "; ".join(problems), pytrace=False)


def pytest_report_header(config: pytest.Config) -> str | None:
    if config.getoption("plugcheck") and config.getoption("plugcheck_static_only"):
        return "plugcheck: static checks only (--plugcheck-static-only): no plugin is run"
    return None


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
