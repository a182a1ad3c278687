"""Runs the passes over every contract and merges their findings. Never raises for bad input."""

from __future__ import annotations

import gc
import os
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TypeVar

from packaging.utils import canonicalize_name

from plugcheck.config import (
    Config,
    ConfigError,
    api_from_target,
    load_config,
    other_config,
    search_config,
    unnamed,
)
from plugcheck.discovery import DiscoveryError, explicit
from plugcheck.discovery.placement import dotted
from plugcheck.discovery_cache import cached_discover
from plugcheck.environment import TargetError, asked_groups, query
from plugcheck.environment_cache import cached_query
from plugcheck.explicit_paths import discovered as discovered_by_contract
from plugcheck.explicit_paths import explicit_by_contract
from plugcheck.generated_code import relocate
from plugcheck.harness.confine import FILES, describe, python_plugins, shortfall
from plugcheck.kinds import available as available_kinds
from plugcheck.kinds import loaded as loaded_kinds
from plugcheck.model import Contract, Crashed, Finding, Partial, Plugin, Severity
from plugcheck.options import Options, UsageError
from plugcheck.options import strict as strict_mode
from plugcheck.passes import (
    RUN_PASSES,
    Kind,
    KindPass,
    RunInput,
    RunPass,
    Started,
    Submitted,
    cache_root,
    close_started,
    guarded_kind,
    register_pass,
    start_beside,
    untrusted_project_cache,
)
from plugcheck.published import (
    CONTRACTS_GROUP,
    contracts_for,
    find_project,
    project_config,
    read_plugin_project,
    uses,
)
from plugcheck.rules.base import wanted
from plugcheck.rules.host_names import with_own_root
from plugcheck.run_early import start_early
from plugcheck.run_report import Report
from plugcheck.shard import in_shard
from plugcheck.shipped_bytecode import shipped_bytecode
from plugcheck.static.index import ModuleIndex
from plugcheck.static_only import unchecked_compiled
from plugcheck.static_pass import gathered_from_cache, result_cache, static_pass
from plugcheck.suppress import apply_suppressions
from plugcheck.untrusted import printable
from plugcheck.withdraw import explained_earlier, withdraw_accepted


def shard_key(kind: str) -> Callable[[Plugin], str | None] | None:
    """What plugins of a contract of ``kind`` share that puts them in one shard
    (``KindPass.together``; ``None``: the name alone)."""
    kind_pass = loaded_kinds([kind]).get(kind) if kind in available_kinds() else None
    return kind_pass.together if kind_pass is not None else None


def resolve_config(options: Options) -> tuple[Config, list[Path]]:
    """The config to use, and the plugin paths given explicitly (empty: discover)."""
    if options.config is not None:
        config_path = options.config
    else:
        starts = [*options.paths[:1], Path.cwd()]
        if not starts[0].exists() and not starts[0].is_symlink():
            raise UsageError([f"{starts[0]}: no such file or directory"])
        looked: list[Path] = []
        found = search_config(starts, looked)
        if (other := other_config(options.paths, found)) is not None:
            raise UsageError([other])
        if found is None:
            return _project_config(options, starts, looked)
        config_path = found
    try:
        use = uses(config_path)
    except ConfigError as exc:
        raise UsageError(exc.problems) from None
    said = unnamed(config_path, use, options)  # under --untrusted-plugins
    if use is not None:  # a plugin project's [tool.plugcheck] naming the contracts it follows
        here = [config_path.parent]
        try:
            config, paths = _project_config(options, here, here, () if said else use)
        except UsageError as exc:
            exc.problems.extend(said)
            raise
        return replace(config, notes=(*config.notes, *said)), paths
    if said:
        raise UsageError(said)
    try:
        config = load_config(config_path, available_kinds())
    except ConfigError as exc:
        raise UsageError(exc.problems) from None
    config = replace(config, contracts=tuple(map(with_own_root, config.contracts)))
    if options.api_from_target:
        config = api_from_target(config)
    host_dirs = {config.source.parent.resolve(), *(c.root.resolve() for c in config.contracts)}
    # realpath, not resolve(): a link loop named on the command line is a plugin's file too.
    plugin_paths = [p for p in options.paths if Path(os.path.realpath(p)) not in host_dirs]
    for path in plugin_paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError([f"{path}: no such file or directory"])
    return config, plugin_paths


def _project_config(
    options: Options, starts: list[Path], looked: list[Path], use: Sequence[str] = ()
) -> tuple[Config, list[Path]]:
    """No ``[tool.plugcheck]`` contracts: those that apply to the plugin project found upwards
    from ``starts`` (its hosts' published ones, else bundled ones; or those ``--contract`` or
    ``use`` name), and the project itself (or the paths given) as the plugins to check."""
    nowhere = "no pyproject.toml with [tool.plugcheck] in " + ", ".join(str(d) for d in looked)
    project = find_project(starts, [])
    if project is None:
        raise UsageError(
            [
                f"{nowhere}, and no plugin project there either (a pyproject.toml with a "
                "[project] table, a setup.cfg or setup.py naming one); "
                "pass --config FILE or run `plugcheck init`"
            ]
        )
    try:
        env = query(options.python, [CONTRACTS_GROUP])
    except TargetError as exc:
        raise UsageError([str(exc)]) from None
    # What the project's files leave dynamic, from its installed metadata.
    project = read_plugin_project(project.root, env.sys_path) or project
    found = contracts_for(
        project,
        env.entry_points_for(CONTRACTS_GROUP),
        available_kinds(),
        [*use, *options.contracts],
        untrusted=options.untrusted_plugins,
        sys_path=env.sys_path,
    )
    if found.problems:
        raise UsageError(found.problems)
    if not found.sources:
        groups = ", ".join(project.groups) or "none"
        nothing = UsageError(
            [
                f"{nowhere}; {project.source} (project {project.name!r}) registers entry-point "
                f"groups {groups}, and no contract published in {env.executable}'s environment "
                "nor bundled with plugcheck applies to it (`plugcheck contracts` says why); "
                "pass --contract NAME or --config FILE",
                *project.unread,
                *found.notes,
            ]
        )
        nothing.passed_over = found.passed_over
        raise nothing
    paths = list(options.paths) or [project.root]
    for path in paths:
        if not path.exists():
            raise UsageError([f"{path}: no such file or directory"])
    absent = [d for d in project.requires if d not in env.distributions]
    hints = []
    if absent:
        hints.append(
            f"{', '.join(absent)} (which {project.name} depends on) "
            f"{'is' if len(absent) == 1 else 'are'} not installed in {env.executable}'s "
            "environment, where the contracts read the host from: pass --python with an "
            "environment that has them, or, in the pre-commit hook's own virtualenv, add them "
            f"to the hook's additional_dependencies: [{', '.join(absent)}]"
        )
    notes = [*found.notes, *project.unread, *hints]
    config = project_config(project, found.sources, notes)
    return replace(config, passed_over=tuple(found.passed_over), hints=tuple(hints)), paths


def check(options: Options) -> Report:
    """Run every selected static check over every contract's plugins."""
    config, explicit_paths = resolve_config(options)
    try:
        with ExitStack() as early:
            return _check(options, config, explicit_paths, early)
    except UsageError as exc:
        exc.problems.extend(config.hints)  # e.g. the plugin project's host is not installed
        raise


def _check(
    options: Options, config: Config, explicit_paths: list[Path], early: ExitStack
) -> Report:
    contracts = _chosen(config, options.contracts)
    confinement = _confinement(options)
    shortfall(forget=True)
    groups = asked_groups(contracts)
    try:
        env = cached_query(options.python, groups, cache_root(config, options))
    except TargetError as exc:
        raise UsageError([str(exc)]) from None
    if options.fail_on is not None or options.select or options.ignore:
        config = _override(config, options)
    report = Report(config=config, env=env, unsafe_fixes=options.unsafe_fixes)
    report.static_only, report.shard = not options.dynamic, options.shard
    report.notes.extend(config.notes)
    if untrusted_project_cache(config, options):
        report.notes.append(
            f"--untrusted-plugins: no cache used ({config.source.parent / '.plugcheck_cache'} "
            "lies in the plugin project, whose author could have written it); give one "
            "outside it with --cache-dir or PLUGCHECK_CACHE_DIR"
        )
    report.notes.extend(
        f"skipped a distribution whose metadata cannot be read: {u}" for u in env.unreadable
    )
    kind_passes = loaded_kinds(c.kind for c in contracts)
    index = ModuleIndex(target=(env.version[0], env.version[1]))
    python_contracts: list[tuple[Contract, list[Plugin]]] = []
    contract_peers: dict[str, tuple[Plugin, ...]] = {}
    # A command-line path that a non-Python kind takes as its plugin is not a Python plugin.
    kind_plugins = {
        c.name: kind_passes[c.kind].discover(c, env, explicit_paths)
        for c in contracts
        if c.kind in kind_passes
    }
    python_paths = [p for p in explicit_paths if not _claimed(p, kind_plugins.values())]
    python_only = [c for c in contracts if c.kind not in kind_passes]
    # A plugin project's run (contracts its hosts publish, `origins`) has no host tree to list.
    own_host = python_paths and not config.origins
    discovered = discovered_by_contract(python_only, env, report, options) if own_host else {}
    try:
        by_contract = explicit_by_contract(python_paths, python_only, env, discovered)
        if not options.paths:  # a plugin project's modules its contract's marker found
            for contract in contracts:
                if contract.name in config.plugin_paths:
                    by_contract[contract.name] = [
                        dotted(p, contract, env.sys_path)
                        for p in explicit(config.plugin_paths[contract.name], contract)
                    ]
    except DiscoveryError as exc:
        raise UsageError([str(exc)]) from None
    for contract in contracts:
        if contract.kind in kind_passes:
            kind_pass = kind_passes[contract.kind]
            if not kind_plugins[contract.name] and not explicit_paths:
                report.notes.append(_nothing_found(contract))
                report.empty.append(contract.name)
            plugins = in_shard(kind_plugins[contract.name], options, kind_pass.together)
            report.plugins.extend(plugins)
            check = partial(kind_pass.check, contract, plugins, env, options, report.notes)
            checked = guarded_kind(contract.kind, contract.name, check, report.notes) or []
            report.findings.extend(f for f in checked if wanted(f.code, config, contract.name))
            continue
        try:
            if explicit_paths:
                plugins = by_contract[contract.name]
            else:
                plugins, cached = cached_discover(contract, env, cache_root(config, options))
                if cached:
                    report.counts["plugins found from the discovery cache"] += len(plugins)
        except DiscoveryError as exc:
            raise UsageError([str(exc)]) from None
        except OSError as exc:  # an unreadable plugin directory or project file
            raise UsageError([f"{exc.filename or contract.root}: {exc.strerror or exc}"]) from None
        if not plugins and not explicit_paths:
            report.notes.append(_nothing_found(contract))
            report.empty.append(contract.name)
        every = plugins
        plugins = in_shard(plugins, options)
        report.plugins.extend(plugins)
        python_contracts.append((contract, _rerun(plugins, options)))
        found = len(report.plugins)
        if explicit_paths:
            peers = _peers(plugins, discovered.get(contract.name, ()))
        else:  # --shard, --only: the plugins the other shards check
            peers = tuple(every) if len(every) > len(plugins) else ()
        if peers:
            contract_peers[contract.name] = peers
        alone = len(python_only) == 1
        start_early(options, found, early, python_contracts[-1], env, alone=alone, guarded=peers)
        if options.static:
            # The static pass allocates much and frees little: automatic cyclic collections
            # would traverse the growing heap of parsed modules again and again.
            with _collector_paused():
                cache = result_cache(contract, env, config, options, report.notes)
                report.findings.extend(
                    static_pass(
                        contract, plugins, index, env, config, report, options, cache, peers
                    )
                )
        else:  # its checks that run always (PC005); no plugin's file is parsed
            report.findings.extend(
                static_pass(contract, [], index, env, config, report, options, None)
            )
            # Read only, and only for the harness pass (PC429's census), not a discovery-only run.
            cache = result_cache(contract, env, config, options, None) if options.dynamic else None
            gathered_from_cache(contract, plugins, index, config, options, cache, peers)
    report.counts["files parsed by the static pass"] = index.parsed
    if options.untrusted_plugins:
        # Start-up code of a plugin ran in plugcheck's processes too: untrusted, it is an error.
        report.findings[:] = [
            replace(f, severity=Severity.ERROR) if f.code in UNTRUSTED_ERRORS else f
            for f in report.findings
        ]
    report.static_findings = list(report.findings)
    _run_passes(report, options, index, python_contracts, contract_peers, early)
    if options.dynamic and report.plugins:
        report.confinement = _really(confinement, report, options)
        said = describe(report.confinement) if options.confine else "none (--no-confinement)"
        report.notes.append(f"confinement of plugin processes: {said}")
    # A crashed check did not check its plugin; a contract's skipped step is named in a pass.
    report.crashes.extend(n for n in report.notes if isinstance(n, Crashed))
    report.partial.extend(printable(n) for n in report.notes if isinstance(n, Partial))
    report.notes[:] = [n for n in report.notes if not isinstance(n, Crashed)]
    unchecked_compiled(report, options)
    shipped_bytecode(report)
    relocate(report)  # before suppressions: a suppression on the exec line applies
    apply_suppressions(report, options, index.stamps)
    report.findings.sort(key=lambda f: f.sort_key)
    # Notes and errors quote plugins too (names, paths, what a worker said); findings are
    # made printable when they are created.
    report.notes[:] = [printable(n) for n in report.notes]
    report.crashes[:] = [printable(c) for c in report.crashes]
    report.errors[:] = [printable(e) for e in report.errors]
    # The memo's values refer back to the index: cleared, the run's index and trees are
    # freed as this returns, not left to the cyclic collector (a long-lived process calling
    # check() again and again grew ahead of it: 127 MiB after 40 calls, not 42).
    index.memo.clear()
    return report


UNTRUSTED_ERRORS = frozenset({"PC356"})
"""Warnings that are errors under ``--untrusted-plugins``."""


def _rerun(plugins: list[Plugin], options: Options) -> list[Plugin]:
    """The plugins the run passes check (all but ``Options.static_only``)."""
    if not options.static_only:
        return plugins
    skipped = options.static_only
    return [p for p in plugins if (p.contract, canonicalize_name(p.name)) not in skipped]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No automatic cyclic collections inside; one collection at the end, of what was made
    inside (the youngest generation: a full one would traverse the whole heap again, what an
    earlier run in the same process left in it included)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


def _confinement(options: Options) -> list[str]:
    """What confines plugin processes on this kernel; a usage error when nothing confines
    what they read and write (neither Landlock nor the namespace fallback) and
    ``require_confinement`` is set. Not probed (a child interpreter) for a run that starts no
    plugin process and requires nothing."""
    probe = options.confine and (options.dynamic or options.require_confinement)
    mechanisms = python_plugins() if probe else []
    if options.require_confinement and not set(FILES) & set(mechanisms):
        raise UsageError(
            [
                "--require-confinement: plugin processes cannot be confined here "
                "(neither Landlock nor unprivileged user namespaces for the fallback)"
            ]
        )
    return mechanisms


def _really(confinement: list[str], report: Report, options: Options) -> list[str]:
    """``confinement`` without what some plugin process ran without (a fork server or the
    launcher the kernel refused a PID namespace, or a ``/proc`` of its own, after the probe
    found them): the report never claims a mechanism a run did not get. A fork server's
    shortfall is a note (or an error) naming its contract already; the launcher's is one here."""
    short = shortfall()
    unsaid = [m for m in confinement if m in short and not short[m]]
    if unsaid:
        said = (
            "plugin processes ran without " + ", ".join(unsaid) + ": the kernel refused it "
            "after the probe found it; the report's confinement leaves it out"
        )
        (report.errors if options.require_confinement else report.notes).append(said)
    return [m for m in confinement if m not in short]


def _peers(plugins: list[Plugin], found: Sequence[Plugin]) -> tuple[Plugin, ...]:
    """For a run on paths: the contract's plugins as its whole-host run finds them (``found``),
    in that order, the named ``plugins`` in their places (``Context.peers``), for the checks
    that judge plugins against each other (PC003, PC553): before, ``plugcheck check
    plugins/greeter-fork`` said "All checks passed" for the plugin the host shadows."""

    def identity(plugin: Plugin) -> tuple[str, str | None]:
        entry = plugin.entry_point.name if plugin.entry_point else None
        return os.path.realpath(plugin.root), entry

    named = {identity(p): p for p in plugins}
    ordered = [named.pop(identity(p), p) for p in found]
    return (*ordered, *named.values())


def _nothing_found(contract: Contract) -> str:
    """Say where a contract looked for plugins when it found none (a typo'd glob or group)."""
    where = [f"paths {', '.join(contract.paths)} under {contract.root}"] if contract.paths else []
    if contract.entry_point_group:
        what = "groups matching" if contract.group_pattern else "group"
        where.append(f"entry-point {what} {contract.entry_point_group!r}")
    if (scan := contract.options.get("module-name-pattern")) is not None:
        pattern = scan.get("pattern") if isinstance(scan, dict) else scan
        where.append(f"top-level modules on the target's sys.path matching {pattern!r}")
    return f"contract {contract.name!r} found no plugins ({'; '.join(where)})"


def _claimed(path: Path, groups: Iterable[list[Plugin]]) -> bool:
    path = Path(os.path.realpath(path))  # resolve() raises on a link loop
    return any(
        path == (root := Path(os.path.realpath(plugin.root))) or path in root.parents
        for plugins in groups
        for plugin in plugins
    )


def _run_passes(
    report: Report,
    options: Options,
    index: ModuleIndex,
    contracts: list[tuple[Contract, list[Plugin]]],
    peers: dict[str, tuple[Plugin, ...]],
    early: ExitStack,
) -> None:
    """Run-wide passes (mypy, harness) in order, each once for all contracts. A pass that can
    (``submit``: mypy) is begun before the harness and collected when the harness needs its
    findings, so that its builds run while the harness's plugins do."""
    config = report.config
    failed_in: dict[tuple[str, str], str] = {}  # one pass's finding, read by the later ones
    started: Started = {}  # the later passes' workers, started beside the harness
    early.callback(close_started, started)
    ordered = sorted(RUN_PASSES.values(), key=lambda p: p.order)
    pending: list[Callable[[], None]] = []  # submitted passes, in order, to collect

    def collected() -> Sequence[Finding]:
        while pending:
            pending.pop(0)()
        return tuple(report.findings)

    for at, run_pass in enumerate(ordered):
        if not any(plugins for _, plugins in contracts):
            continue
        if not run_pass.enabled(options):
            said = run_pass.left_out(contracts) if run_pass.left_out else None
            report.notes.extend([Partial(said)] if said else [])
            continue
        data = RunInput(
            config=config,
            env=report.env,
            options=options,
            index=index,
            contracts=contracts,
            findings=tuple(report.findings),
            failed_in=failed_in,
            peers=peers,
            started=started,
        )
        if run_pass.submit is not None and _harness_after(ordered[at + 1 :], options):
            submitted = _guarded_pass(run_pass.name, partial(run_pass.submit, data), report)
            if submitted is not None:
                early.callback(submitted.cancel)
                pending.append(partial(_collect, report, data, run_pass.name, submitted))
            continue
        if run_pass.name == "harness":
            data.awaited = collected if pending else None
            start_beside(ordered[at + 1 :], data)
        produced = _guarded_pass(run_pass.name, partial(run_pass.run, data), report) or []
        collected()  # a pass the harness did not wait for (it crashed first)
        _absorb(report, data, produced)


def _harness_after(later: Sequence[RunPass], options: Options) -> bool:
    """Whether the harness runs after these passes, beside which a pass can do its work: not
    with ``--jobs 1`` (one process working at a time, as asked)."""
    harness = next((p for p in later if p.name == "harness"), None)
    return harness is not None and harness.enabled(options) and options.jobs != 1


T = TypeVar("T")


def _guarded_pass(name: str, work: Callable[[], T], report: Report) -> T | None:
    """``work()``; a crash of the pass is a line of ``report.crashes`` (``None``), a usage error
    stays one (exit 2), and ``PLUGCHECK_STRICT`` raises."""
    try:
        return work()
    except UsageError:
        raise
    except Exception:
        if strict_mode():
            raise
        last = traceback.format_exc().strip().splitlines()[-1]
        report.crashes.append(f"pass {name} crashed: {last}")
        return None


def _collect(report: Report, data: RunInput, name: str, submitted: Submitted) -> None:
    _absorb(report, data, _guarded_pass(name, submitted.collect, report) or [])


def _absorb(report: Report, data: RunInput, produced: Sequence[Finding]) -> None:
    """What a run pass found and said, into the report; the static findings its real run
    accepted withdrawn, and what they had explained away (this pass or an earlier one)
    reported."""
    report.notes.extend(data.notes)
    report.errors.extend(data.errors)
    report.matrix = data.matrix or report.matrix
    report.steps.update(data.steps)
    produced = explained_earlier(report, produced)
    report.explained.extend(data.explained)
    report.findings.extend(
        f for f in (*produced, *data.unchecked) if wanted(f.code, report.config, f.contract)
    )
    # Withdrawn findings no longer explain anything: what they explained away is reported.
    back = withdraw_accepted(report, data.accepted, trusted=not data.options.untrusted_plugins)
    report.findings.extend(f for f in back if wanted(f.code, report.config, f.contract))


def _override(config: Config, options: Options) -> Config:
    return replace(
        config,
        fail_on=options.fail_on or config.fail_on,
        select=options.select or config.select,
        ignore=(*config.ignore, *options.ignore),
    )


def _chosen(config: Config, names: Sequence[str]) -> list[Contract]:
    if not names:
        return list(config.contracts)
    known = {c.name: c for c in config.contracts}
    # A bundled contract may be named by its file too (`--contract sphinx`).
    known.update(
        (c.source.stem, c)
        for c in config.contracts
        if config.origins.get(c.name, "").startswith("bundled")
    )
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UsageError(
            [
                f"--contract {n}: no such contract (have: {', '.join(sorted(known))})"
                for n in unknown
            ]
        )
    return [known[n] for n in names]


__all__ = [
    "RUN_PASSES",
    "Kind",
    "KindPass",
    "Options",
    "Report",
    "RunInput",
    "RunPass",
    "UsageError",
    "check",
    "register_pass",
]
