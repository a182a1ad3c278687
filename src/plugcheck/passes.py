"""Extension points of a run: contract kinds and run-wide passes.

A *kind pass* owns contracts of a non-Python kind (exec, wasm, c-shared, ...): it discovers and
checks their plugins. A *run pass* runs once per plugcheck run, after the per-plugin static checks,
over every Python contract's plugins at once (mypy, the dynamic harness): one mypy run and one
harness pool per invocation, never one per plugin.

Kinds are listed in ``kinds/__init__.py``; run passes register themselves at import time from
their modules, which ``rules/__init__.py`` imports (a kind's own: its ``Kind.loads``). Heavy
dependencies (mypy, wasmtime, grpc) are imported inside ``run``/``check``, never at module import.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import os
import traceback
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from plugcheck.config import Config, KindSchema
from plugcheck.environment import Environment
from plugcheck.model import Contract, Crashed, Explained, Finding, Matrix, Plugin, Severity
from plugcheck.options import Options, UsageError, strict
from plugcheck.static.index import ModuleIndex

if TYPE_CHECKING:  # the sandbox loads with the passes that start workers
    from plugcheck.sandbox import Process

Started = dict[str, tuple[Hashable, "Process"]]
"""Worker processes started beside the harness (:func:`start_beside`), by the worker's mode,
each with everything it was started with."""


@dataclass(frozen=True, slots=True)
class KindPass:
    """How a non-Python contract kind (exec, wasm, c-shared, ...) is discovered and checked.

    ``discover(contract, env, explicit_paths)`` returns its plugins (raise ``UsageError`` for a
    bad path); ``check(contract, plugins, env, options, notes)`` returns findings and never
    raises for bad plugin input; it appends to ``notes`` the lines to show under the report.
    ``together(plugin)``, for a kind whose check judges plugins against each other: what two
    plugins it may find in conflict share (``None``: only the plugin's name), so that
    ``--shard`` puts them in one shard (before, go-so's two plugins of one plugin path, PC729,
    fell in two shards of four, and each shard and the merged report passed).
    """

    discover: Callable[[Contract, Environment, list[Path]], list[Plugin]]
    check: Callable[[Contract, list[Plugin], Environment, Options, list[str]], list[Finding]]
    together: Callable[[Plugin], str | None] | None = None


@dataclass(frozen=True, slots=True)
class Kind(KindSchema):
    """A contract kind: the keys it owns (checked at config load) and, for a kind whose plugins
    are not Python imports, how they are found and checked (``kind_pass``). The Python kinds
    (factory, register, pluggy, subclass) have none: the rules and run passes check them.

    A kind's checks are imported by :meth:`load`, which a run calls only for the kinds of the
    contracts it checks: a run of factory contracts imports no pluggy, wasm or c-shared check,
    and reading the configuration imports none. A check of a kind's own must therefore find
    nothing in a contract of another kind (a run with both kinds runs it on both)."""

    kind_pass: KindPass | str | None = None
    """How the kind's plugins are found and checked, or where that is: ``"module:attribute"``
    (imported by :meth:`load`)."""
    loads: tuple[str, ...] = ()
    """Modules that register the kind's own static checks and run passes (pluggy's, subclass's),
    imported by :meth:`load`."""

    @property
    def python(self) -> bool:
        """Its plugins are Python imports, checked by the rules and the run passes."""
        return self.kind_pass is None

    def load(self) -> KindPass | None:
        """Import the kind's checks (``loads``, a ``kind_pass`` given by path); its kind pass.
        A module that cannot be imported (a third party's kind) is a usage error."""
        return _loaded(self.name, self.kind_pass, self.loads)


@cache
def _loaded(name: str, kind_pass: KindPass | str | None, loads: tuple[str, ...]) -> KindPass | None:
    where = f"kind {name!r}"
    try:
        for module in loads:
            importlib.import_module(module)
        if not isinstance(kind_pass, str):
            return kind_pass
        module, _, attribute = kind_pass.partition(":")
        found = getattr(importlib.import_module(module), attribute)
    except Exception as exc:  # a third party's module: its import error, whatever it is
        problem = f"{where}: its checks cannot be loaded: {type(exc).__name__}: {exc}"
        raise UsageError([problem]) from None
    if not isinstance(found, KindPass):
        raise UsageError([f"{where}: {kind_pass} is not a plugcheck.passes.KindPass"])
    return found


T = TypeVar("T")


def guarded(plugin: Plugin, work: Callable[[], T], notes: list[str]) -> T | None:
    """Run one plugin's check; a plugcheck bug becomes a :class:`Crashed` line of ``notes``
    (``None``), not a traceback, so it cannot hide the other plugins' findings."""
    return _guarded(f"checking {plugin.name} ({plugin.contract})", work, notes)


def guarded_kind(kind: str, contract: str, work: Callable[[], T], notes: list[str]) -> T | None:
    """Run a kind's check of one contract's plugins (the kind may be a third party's): a
    crash is a :class:`Crashed` line of ``notes``, never a traceback or a pass. A
    :class:`UsageError` (the contract names a header that is not there) stays one: exit 2."""
    what = f"the {kind} kind's check of contract {contract!r}"
    return _guarded(what, work, notes, passing=(UsageError,))


def _guarded(
    what: str,
    work: Callable[[], T],
    notes: list[str],
    passing: tuple[type[Exception], ...] = (),
) -> T | None:
    try:
        return work()
    except passing:
        raise
    except Exception:
        if strict():
            raise
        last = traceback.format_exc().strip().splitlines()[-1]
        notes.append(Crashed(f"{what} crashed, a plugcheck bug: {last}"))
        return None


def cache_root(config: Config, options: Options) -> Path | None:
    """Where a run's caches live (mypy's, the static results'); ``None``: ``--no-cache``.

    Each ``--shard I/N`` has a corner of its own: shards run side by side (CI jobs sharing a
    checkout, ``pytest --plugcheck -n``) would otherwise wait for each other's lock on the mypy
    cache and each rebuild what the other's plugin set left in it."""
    root = _cache_home(config, options)
    if root is None or options.shard is None:
        return root
    return root / f"shard-{options.shard[0]}-of-{options.shard[1]}"


def _cache_home(config: Config, options: Options) -> Path | None:
    if not options.cache:
        return None
    if options.cache_dir is not None:
        return options.cache_dir
    if config.cache_dir is not None:
        return config.cache_dir
    shared = os.environ.get("PLUGCHECK_CACHE_DIR")
    if shared:  # one directory for every host: each gets its own corner of it
        host = hashlib.sha256(os.fsencode(config.source)).hexdigest()[:16]
        return Path(shared) / host
    if untrusted_project_cache(config, options):
        return None
    return config.source.parent / ".plugcheck_cache"


def untrusted_project_cache(config: Config, options: Options) -> bool:
    """Whether the default cache would lie in a plugin project checked with
    ``--untrusted-plugins``: there it is not used. Its author can ship a ``.plugcheck_cache/``
    whose entries match the files by content hash (and a tarball keeps modification times): a
    forged result cache or mypy cache then passes the plugin, as a suppression comment would
    (red team red23)."""
    return (
        options.untrusted_plugins
        and bool(config.origins)  # contracts from elsewhere: source is the plugin project's
        and options.cache
        and options.cache_dir is None
        and config.cache_dir is None
        and not os.environ.get("PLUGCHECK_CACHE_DIR")
    )


def need_extra(contract: Contract, extra: str, *modules: str) -> None:
    """Exit 2 naming the extra to install when one of ``modules`` cannot be imported."""
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            raise UsageError(
                [
                    f"contract {contract.name}: kind {contract.kind!r} needs the {extra} extra: "
                    f"pip install 'plugcheck[{extra}]'"
                ]
            ) from None


@dataclass(frozen=True, slots=True)
class Accepted:
    """The real ``check`` (a run pass's worker mode: ``pluggy``, ``subclass``) accepted the
    plugin ``plugin`` (its ``Plugin.reported_name``, as its findings name it) of ``contract``
    whose files are under ``root``."""

    check: str
    contract: str
    plugin: str
    root: Path
    after: str = ""
    """The host's import that ran other plugins' code in the plugin's process before that
    check (a preload that loads plugins, left to each plugin's process): the check's word is
    theirs too, and withdraws nothing (``withdraw._overruled``)."""


PER_SUBJECT = frozenset({"factory", "identity", "lifecycle"})
"""``overruled_by`` checks the harness records per subject (``lifecycle:run``)."""


def subject_check(check: str | None, finding: Finding) -> str | None:
    """The ``Accepted.check`` that withdraws ``finding`` of a rule ``overruled_by`` ``check``:
    for the factory's call, its class check and a lifecycle method, only the step about the
    finding's own subject decides, and only for an error (a warning already says the call
    may work)."""
    if check not in PER_SUBJECT:
        return check
    ok = finding.severity is Severity.ERROR and finding.subject is not None
    return f"{check}:{finding.subject}" if ok else None


def passed_words(check: str | None) -> str:
    """What passed, for the note that withdraws a finding."""
    step, _, subject = (check or "").partition(":")
    if step == "factory":
        return f"the harness's real call of {subject}() worked"
    if step == "identity":
        return f"the harness's class check of what {subject}() made passed"
    if step == "lifecycle":
        return f"the harness's real call of {subject}() with what the host passes worked"
    return f"the real {check} check accepted the plugin"


@dataclass(slots=True)
class RunInput:
    """What a run pass sees: every Python contract with its plugins, and what ran before it."""

    config: Config
    env: Environment
    options: Options
    index: ModuleIndex
    contracts: list[tuple[Contract, list[Plugin]]]
    findings: Sequence[Finding]
    """Findings of the earlier passes (e.g. skip a plugin that PC001 says cannot be parsed)."""
    notes: list[str] = field(default_factory=list)
    """Lines a pass wants shown under the report (e.g. ``harness: skipped 2 plugins``)."""
    matrix: Matrix | None = None
    """The plugins x API versions table, set by the pinning pass for ``--api-version a,b``."""
    steps: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    """``Plugin.key`` -> [(step, outcome)], set by the harness pass for the report."""
    errors: list[str] = field(default_factory=list)
    """What makes the run incomplete or untrustworthy (a lost harness server): exit status 2."""
    accepted: list[Accepted] = field(default_factory=list)
    """Plugins a real load accepted (pluggy registered it, issubclass() held): static findings
    of rules ``overruled_by`` that check are withdrawn by the engine."""
    unchecked: list[Finding] = field(default_factory=list)
    """Findings about plugins or steps the pass could not check (PC416, PC417); reported even
    when the pass crashes afterwards."""
    explained: list[Explained] = field(default_factory=list)
    """Failures the pass did not report because an earlier finding predicted them (each said in
    ``notes`` too): the engine reports one after all if the run withdraws what explained it."""
    failed_in: dict[tuple[str, str], str] = field(default_factory=dict)
    """``Plugin.key`` -> the other plugin of its contract inside which the harness saw its
    import fail (that plugin's failure, reported there; set by the harness pass)."""
    peers: dict[str, tuple[Plugin, ...]] = field(default_factory=dict)
    """Contract name -> every plugin its whole-host run checks, when this run checks fewer
    (``--shard``, ``--only``, paths; ``Context.peers``): what a plugin checked elsewhere does to
    the host (the hookspecs it adds) holds in this run too."""
    started: Started = field(default_factory=dict)
    """The run's workers started beside the harness, shared by its passes: a pass's real run
    takes the one started with the very input it would start it with (else closes it)."""
    awaited: Callable[[], Sequence[Finding]] | None = None
    """For the harness, when passes before it are still running (:attr:`RunPass.submit`):
    their findings joined to ``findings`` once they are done (``None``: ``findings`` is
    complete). Call it once its own plugins are run."""
    dry: bool = False
    """Only start the pass's first worker into ``started``, then stop (:class:`WorkerStarted`):
    :func:`start_beside`'s run, whose findings and notes are dropped."""


@dataclass(frozen=True, slots=True)
class Submitted:
    """A run pass begun before a later one (:attr:`RunPass.submit`): ``collect()`` waits for
    its work and returns its findings (its notes and errors go into the ``RunInput`` it was
    submitted with); ``cancel()`` stops that work (a run that ended before collecting it)."""

    collect: Callable[[], list[Finding]]
    cancel: Callable[[], None] = lambda: None


class WorkerStarted(Exception):
    """A pass run ``dry`` started its first worker: its run stops there."""


@dataclass(frozen=True, slots=True)
class RunPass:
    """A pass over the whole run. Lower ``order`` runs first; ``enabled`` reads the options.
    ``left_out``, for a pass the options can turn off: what a passing summary says was not
    checked when it is off (``None``: nothing of these contracts needed it)."""

    name: str
    order: int
    run: Callable[[RunInput], list[Finding]]
    enabled: Callable[[Options], bool]
    beside: bool = False
    """What its workers are started with depends on nothing the harness finds (only what it
    makes of their answers does): the first may start while the harness runs."""
    left_out: Callable[[Sequence[tuple[Contract, list[Plugin]]]], str | None] | None = None
    submit: Callable[[RunInput], Submitted] | None = None
    """Begin the pass and collect its findings later: what it waits for runs beside the
    harness (mypy's builds); the harness waits for those findings only to judge its own
    (``RunInput.awaited``)."""


RUN_PASSES: dict[str, RunPass] = {}


def register_pass(run_pass: RunPass) -> None:
    RUN_PASSES[run_pass.name] = run_pass


def start_beside(passes: Iterable[RunPass], data: RunInput) -> None:
    """(before the harness pass) Start the first worker of each of the later ``passes`` that
    can (``beside``), so that it runs while the harness does rather than after it (a pluggy
    worker's interpreter, namespaces and child: 0.4-0.7 s of wall time at a load of 20). Each
    pass runs ``dry`` up to that worker, on a copy of ``data`` whose notes and findings are
    dropped; its real run, after the harness, judges the worker's answers with the harness's
    findings, as before. Not with ``--jobs 1``: one plugin process at a time, as asked."""
    if data.options.jobs == 1:
        return
    for run_pass in passes:
        if not run_pass.beside or not run_pass.enabled(data.options):
            continue
        dry = RunInput(
            config=data.config,
            env=data.env,
            options=data.options,
            index=data.index,
            contracts=data.contracts,
            findings=data.findings,
            peers=data.peers,
            started=data.started,
            dry=True,
        )
        with contextlib.suppress(Exception):  # WorkerStarted; or what its real run reports
            run_pass.run(dry)


def close_started(started: Started) -> None:
    """Kill and reap the workers no pass took (a run that ended early, an input that changed)."""
    for _, process in started.values():
        process.close()
    started.clear()
