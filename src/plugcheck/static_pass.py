"""The static pass over one contract's plugins: each plugin's checks, in this process or split
over forked worker processes (``--jobs N``), with the same findings in the same order."""

from __future__ import annotations

import hashlib
import os
import pickle
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from plugcheck.config import Config
from plugcheck.environment import Environment
from plugcheck.model import Contract, Finding, Partial, Plugin
from plugcheck.options import Options
from plugcheck.options import strict as strict_mode
from plugcheck.passes import cache_root
from plugcheck.rules import CHECKS, RULES, Context
from plugcheck.rules.base import Check, wanted
from plugcheck.run_report import Report
from plugcheck.static.index import ModuleIndex, Reads
from plugcheck.static.results import ResultCache, cache_file


@dataclass(slots=True)
class Outcome:
    """What one plugin's checks produced (made in this process or in a worker)."""

    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    reads: Reads | None = None
    gathered: dict[str, list[Any]] = field(default_factory=dict)
    """What each joined check gathered from the plugin (:attr:`Check.gather`), by its name."""


def static_pass(
    contract: Contract,
    plugins: list[Plugin],
    index: ModuleIndex,
    env: Environment,
    config: Config,
    report: Report,
    options: Options,
    cache: ResultCache | None,
    peers: tuple[Plugin, ...] = (),
) -> list[Finding]:
    ctx = Context(
        contract=contract,
        plugins=plugins,
        index=index,
        env=env,
        api_versions=options.api_versions,
        peers=peers,
    )
    findings: list[Finding] = []
    strict = strict_mode()
    chosen = [c for c in CHECKS if any(wanted(code, config, contract.name) for code in c.codes)]
    if not options.static:  # the dynamic passes alone: only what no later pass sees either
        chosen = [c for c in chosen if c.always]
        # Never "All checks passed" for a run that read no plugin's source (`plugcheck
        # harness` said it for a plugin only a static rule refuses; red team red52).
        said = Partial("plugcheck harness: no static rule read the plugins' source")
        if options.dynamic and report.plugins and said not in report.notes:
            report.notes.append(said)

    def run(
        check_: Check,
        plugin: Plugin | None,
        into: Outcome,
        every: list[tuple[Plugin, dict[str, list[Any]]]] | None = None,
    ) -> None:
        try:
            if check_.per_plugin is not None and plugin is not None:
                produced = list(check_.per_plugin(ctx, plugin))
            elif check_.per_contract is not None:
                produced = list(check_.per_contract(ctx))
            elif check_.join is not None and every is not None:
                name = _name(check_)
                produced = list(check_.join(ctx, [(p, g.get(name, [])) for p, g in every]))
            else:
                produced = []
        except Exception:
            if strict:
                raise
            into.crashes.append(
                f"check {_name(check_)} crashed on "
                f"{plugin.name if plugin else contract.name}: "
                + traceback.format_exc().strip().splitlines()[-1]
            )
            return
        if produced:  # most checks find nothing in most plugins: no filter made for them
            into.findings.extend(f for f in produced if wanted(f.code, config, contract.name))

    _run_facts(index, cache, peers or plugins, options)
    # Findings in the order of CHECKS: a joined check's slot is filled after the plugins'.
    contract_wide: list[list[Finding]] = []
    joined: dict[int, Check] = {}
    for check_ in chosen:
        if check_.per_contract is not None:
            alone = Outcome()
            run(check_, None, alone)
            contract_wide.append(alone.findings)
            report.crashes.extend(alone.crashes)
        elif check_.join is not None:
            joined[len(contract_wide)] = check_
            contract_wide.append([])
    gathering = [c for c in chosen if c.gather is not None]
    notes = [*ctx.notes]

    def gather(plugin: Plugin, into: Outcome) -> None:
        for check_ in gathering:
            assert check_.gather is not None
            try:
                into.gathered[_name(check_)] = check_.gather(ctx, plugin)
            except Exception:
                if strict:
                    raise
                into.crashes.append(
                    f"check {_name(check_)} crashed on {plugin.name}: "
                    + traceback.format_exc().strip().splitlines()[-1]
                )

    def one(plugin: Plugin) -> Outcome:
        outcome = Outcome()
        ctx.notes.clear()
        ctx.plugin_facts.clear()
        # A file that is no regular file (a dangling link, a link loop, a FIFO) is PC001, the
        # host's import fails there; the other checks would only crash on its path.
        unreadable = not all(map(index.is_file, plugin.files))
        with index.recording() as reads:
            for check_ in chosen:
                if check_.per_plugin and (not unreadable or "PC001" in check_.codes):
                    run(check_, plugin, outcome)
            gather(plugin, outcome)
        # Each plugin's syntax trees go once its checks are done: kept for the whole run,
        # they were most of its memory (a host's modules are kept).
        ctx.plugin_facts.clear()
        index.release(plugin.files)
        outcome.notes = [*ctx.notes]
        outcome.reads = reads if cache is not None else None
        return outcome

    def kept(plugin: Plugin, outcome: Outcome) -> Outcome:
        if cache is not None and outcome.reads is not None:
            if outcome.crashes:
                cache.forget(plugin)
            else:
                cache.put(plugin, outcome.reads, outcome.findings, outcome.notes, outcome.gathered)
        return outcome

    def cached(plugin: Plugin) -> Outcome | None:
        entry = cache.get(plugin) if cache is not None else None
        if entry is None or any(_name(c) not in entry.gathered for c in gathering):
            return None
        return Outcome([*entry.findings], [*entry.notes], gathered=entry.gathered)

    outcomes: dict[int, Outcome] = {}
    jobs = options.jobs or 1
    if jobs > 1:
        for number, plugin in enumerate(plugins):
            if (found := cached(plugin)) is not None:
                outcomes[number] = found
        todo = [n for n in range(len(plugins)) if n not in outcomes]
        if todo:
            # The first plugin here fills the run's memos (a contract's hookspecs, the
            # target's answers), which every worker then inherits instead of making them.
            outcomes[todo[0]] = one(plugins[todo[0]])
        outcomes.update(_in_workers(todo[1:], jobs, lambda n: one(plugins[n]), index))
        for number in todo:
            kept(plugins[number], outcomes[number])
    else:
        for number, plugin in enumerate(plugins):
            found = cached(plugin)
            outcomes[number] = kept(plugin, one(plugin)) if found is None else found
    for number in range(len(plugins)):
        outcome = outcomes[number]
        notes.extend(outcome.notes)
        report.crashes.extend(outcome.crashes)
        index.gathered[plugins[number].key] = outcome.gathered
    if joined:
        ctx.notes.clear()
        gathered = {id(plugins[n]): outcomes[n].gathered for n in outcomes}

        def gathered_by(plugin: Plugin) -> dict[str, list[Any]]:
            """What ``plugin`` gathered: a peer checked elsewhere (another shard, a run on
            paths) from its valid result-cache entry, or gathered here alone."""
            if (made := gathered.get(id(plugin))) is not None:
                return made
            entry = cache.valid(plugin) if cache is not None else None
            if entry is not None and all(_name(c) in entry.gathered for c in gathering):
                return entry.gathered
            alone = Outcome()
            ctx.plugin_facts.clear()
            gather(plugin, alone)
            ctx.plugin_facts.clear()
            index.release(plugin.files)
            report.crashes.extend(alone.crashes)
            return alone.gathered

        every = [(p, gathered_by(p)) for p in peers or plugins]
        index.gathered.update((p.key, g) for p, g in every)
        for slot, check_ in joined.items():
            done = Outcome()
            run(check_, None, done, every)
            contract_wide[slot] = done.findings
            report.crashes.extend(done.crashes)
        notes.extend(ctx.notes)
    findings.extend(f for part in contract_wide for f in part)
    for number in range(len(plugins)):
        findings.extend(outcomes[number].findings)
    assert all(f.code in RULES for f in findings)
    # A note made once for many plugins comes again from each cached plugin that made it.
    report.notes.extend(n for n in dict.fromkeys(notes) if n not in report.notes)
    report.counts["plugins checked by the static pass"] += len(plugins) - (
        cache.reused if cache is not None else 0
    )
    if cache is not None:
        report.counts["plugins judged from the static result cache"] += cache.reused
        try:
            cache.save(plugins)
        except OSError as exc:
            report.notes.append(f"the static result cache {cache.path} cannot be written: {exc}")
    return findings


def result_cache(
    contract: Contract, env: Environment, config: Config, options: Options, notes: list[str] | None
) -> ResultCache | None:
    """The contract's static result cache (``None``: ``--no-cache``), loaded; why a file that
    could not be used was discarded goes to ``notes`` (``None``: a run that only reads it)."""
    root = cache_root(config, options)
    if root is None:
        return None
    chosen = [code for code in RULES if wanted(code, config, contract.name)]
    cache = ResultCache(cache_file(root, env, contract, [chosen, list(options.api_versions)]))
    discarded = cache.load()
    if discarded is not None and notes is not None:
        notes.append(discarded)
    return cache


def gathered_from_cache(
    contract: Contract,
    plugins: list[Plugin],
    index: ModuleIndex,
    config: Config,
    options: Options,
    cache: ResultCache | None,
    peers: tuple[Plugin, ...] = (),
) -> None:
    """For a run without the static pass (``plugcheck harness``): what the static checks
    gathered from each plugin (PC429's reading of the host dicts it fills), from the plugin's
    result-cache entry where an earlier run left one that is still valid, as
    :func:`static_pass` reuses an entry. The harness pass then parses only the plugins with
    none (``registry_dicts``). The cache is read, never written."""
    chosen = [c for c in CHECKS if any(wanted(code, config, contract.name) for code in c.codes)]
    gathering = [_name(c) for c in chosen if c.gather is not None]
    if cache is None or not gathering:
        return
    _run_facts(index, cache, peers or plugins, options)
    for plugin in peers or plugins:
        entry = cache.valid(plugin)
        if entry is not None and all(name in entry.gathered for name in gathering):
            index.gathered[plugin.key] = entry.gathered


def _run_facts(
    index: ModuleIndex, cache: ResultCache | None, fleet: Sequence[Plugin], options: Options
) -> None:
    """Set the run's facts an entry may depend on, and how the cache judges files."""
    # Which plugins the contract has (the whole-host run's, for a run on paths or a shard): a
    # value made from all of them (the hookspecs siblings add) changes with it, though no file
    # it read did (red team red54: a stale PC501 once the sibling adding its hook came back).
    digest = hashlib.blake2b(digest_size=16)
    for key in sorted(str(p.key) for p in fleet):
        digest.update(f"{key}\n".encode("utf-8", "surrogateescape"))
    index.facts["plugins"] = digest.hexdigest()
    if cache is not None:
        cache.hash_as_read(index.stamps, trust_stats=not options.untrusted_plugins)
        cache.facts = index.facts


def _name(check_: Check) -> str:
    fn = check_.per_plugin or check_.per_contract or check_.join or check_.gather
    return str(getattr(fn, "__name__", fn))


def _in_workers(
    numbers: list[int], jobs: int, one: Callable[[int], Outcome], index: ModuleIndex
) -> Iterator[tuple[int, Outcome]]:
    """``one(n)`` for every ``n`` in ``numbers``, split over ``jobs`` processes forked from
    this one (which has parsed what the contract-wide checks read): worker ``k`` takes every
    ``jobs``-th plugin from the ``k``-th. A worker's failure (a check raising under
    PLUGCHECK_STRICT) is raised here."""
    jobs = min(jobs, len(numbers))
    started: list[tuple[int, int]] = []
    for worker in range(jobs):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover (a forked worker; its results are checked)
            os.close(read_end)
            _work(numbers[worker::jobs], one, index, write_end)
        os.close(write_end)
        started.append((pid, read_end))
    failures: list[str] = []
    for pid, read_end in started:
        with os.fdopen(read_end, "rb") as pipe:
            said = pipe.read()
        _, status = os.waitpid(pid, 0)
        if not said or os.waitstatus_to_exitcode(status) != 0:
            failures.append(f"exit status {os.waitstatus_to_exitcode(status)}")
            continue
        kind, value = pickle.loads(said)
        if kind == "failed":
            failures.append(value)
            continue
        done, parsed = value
        index.parsed_elsewhere(parsed)
        yield from done
    if failures:
        raise RuntimeError("a static pass worker failed: " + "\n".join(failures))


def _work(numbers: list[int], one: Callable[[int], Outcome], index: ModuleIndex, out: int) -> None:
    """A worker process: check ``numbers``, write the outcomes to ``out`` and exit."""
    status = 0
    try:
        before = index.parsed_paths()
        done = [(n, one(n)) for n in numbers]
        said = pickle.dumps(("done", (done, index.parsed_paths() - before)))
    except BaseException:
        said = pickle.dumps(("failed", traceback.format_exc()))
    try:
        with os.fdopen(out, "wb") as pipe:
            pipe.write(said)
    except BaseException:
        status = 1
    os._exit(status)
