"""Shared by the PC5xx run passes: one worker process per contract, its answers typed
(``_ecosystem_worker/protocol.py``)."""

from __future__ import annotations

import ast
import contextlib
import json
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plugcheck._ecosystem_worker.protocol import (
    STAND_IN_PROBLEMS,
    CallFailedAnswer,
    InvalidAnswer,
    ModeRequest,
    Placement,
    PluginRef,
    SkippedAnswer,
    parse_answer,
    parse_contract_problem,
)
from plugcheck.config import preload_call
from plugcheck.environment import host_package
from plugcheck.harness.host_own import guarded, others_may_run_first, type_modules
from plugcheck.harness.results import LIMITS, Refusal, step_deadline
from plugcheck.model import Contract, Explained, Finding, Location, Phase, Plugin, Related, Severity
from plugcheck.options import UsageError
from plugcheck.passes import Accepted, RunInput, Started, WorkerStarted
from plugcheck.rules.base import Rule, explainers, rule
from plugcheck.rules.dynamic_rules import PC419
from plugcheck.rules.explain import explanation, related
from plugcheck.rules.sandbox_refusal import host_allows, worker_refused
from plugcheck.rules.unchecked import not_checked, stand_in_fails
from plugcheck.static.index import ModuleIndex

if TYPE_CHECKING:  # the sandbox loads with the first worker
    from plugcheck.sandbox import Result, SandboxLimits

AnyAnswer = InvalidAnswer | CallFailedAnswer | SkippedAnswer
"""An answer that is not ``ok``."""

WORKER_DEADLINE = 60.0
"""Seconds for one contract's worker (imports every plugin once), before the room it gets for
a plugin that takes every step's deadline and for each plugin."""


@dataclass(frozen=True, slots=True)
class Answer:
    """What the worker said about one plugin that the host would reject."""

    plugin: Plugin
    message: str
    location: Location
    problem: str = ""
    """The worker's name for the kind of problem, where a pass reports kinds apart."""
    status: str = "invalid"
    """``invalid`` (the host refuses it) or ``call-failed`` (a call after loading raised)."""
    hook: str | None = None
    """The hook the answer is about (pluggy), or the method of the host's ``calls`` that failed
    (setup functions)."""
    related: tuple[Related, ...] = ()
    """The static findings about the same failure (``rules.explain``), for the finding the pass
    makes of the answer."""


AT_EXIT = frozenset({"at-exit", "at-exit-raised"})
"""Answers about the atexit handlers a plugin's calls registered (hook calls, a setup function,
a plugin class's instantiation; ``_ecosystem_worker/at_exit.py``): one that hangs or ends the
process, and one that raises, which the interpreter only prints."""


def at_exit(answer: Answer) -> Finding | None:
    """PC419 for an answer about the plugin's atexit handlers (a warning when one raised, as
    the harness's at-exit step says it), else ``None``."""
    if answer.problem not in AT_EXIT:
        return None
    raised = answer.problem == "at-exit-raised"
    return PC419.at(
        answer.plugin,
        answer.location,
        answer.message,
        severity=Severity.WARNING if raised else None,
        subject=answer.hook,
    )


PC569 = rule(
    "PC569",
    "left-running-at-exit",
    Severity.ERROR,
    "The plugin's import, its entry function, the host's code it was handed or its hooks' "
    "calls leave a non-daemon thread or a child process running when the host would exit.",
    phase=Phase.DYNAMIC,
)


def left_running(answer: Answer, did: str) -> Finding:
    """PC569 for an answer about what the plugin's child left running when the host would have
    exited (``_ecosystem_worker/left_running.py``), after plugcheck ``did`` what the host does."""
    return PC569.at(
        answer.plugin,
        answer.location,
        f"plugcheck imported {answer.plugin.name} and {did}: {answer.message}",
        fix="make the thread a daemon (threading.Thread(..., daemon=True)) or end it, and end "
        "the processes you start, before the host's work is done (an atexit handler, the "
        "host's own end-of-run event)",
        subject=answer.hook,
    )


def plugin_ref(plugin: Plugin) -> str:
    """``module`` or ``module:attr``: the object the host loads from the entry point."""
    ep = plugin.entry_point
    if ep is not None and ep.attr:
        return f"{ep.module}:{ep.attr}"
    return plugin.module


REGISTERED_PROBLEMS = frozenset({"no-hookimpls", "unregistered-hookimpl"})
"""Answers about a plugin the host took: pluggy registered it and found no hookimpl in it
(PC567's question), or passed over a marked function of it (PC572's). The registration itself
succeeded, so it still overrules the static guesses that say the host rejects the plugin."""


def rejected(
    data: RunInput,
    contract: Contract,
    plugins: list[Plugin],
    request: ModeRequest,
    refusing: Sequence[Rule],
    census: Sequence[Plugin] = (),
) -> Iterator[Answer]:
    """Run the worker in the target interpreter; yield each plugin it found invalid. A plugin
    it could not check (it failed to load, the worker died) becomes a PC416 in
    ``data.unchecked``. ``census``: plugins the worker imports but does not judge, for what
    they add to the host (:attr:`Placement.census`), given to each worker that does not judge
    them.

    A refusal is dropped when a static finding explains it away as a failure of one of the
    rules it is reported under (``refusing``), by ``rules.explain``'s policy (an error: only
    a static error explains it). A failed call is never dropped here: a twin predicts the
    refusal, not the call (the pass decides).
    """
    # As the harness: a plugin whose file cannot be read (PC001) or links out of the tree
    # (PC427) is neither checked further nor imported.
    fatal = {
        (f.contract, f.plugin)
        for f in data.findings
        if f.code in ("PC001", "PC427") and f.severity is not Severity.INFO
    }
    for plugin in plugins:
        if (contract.name, plugin.reported_name) in fatal:
            data.notes.append(f"{request['mode']}: skipped {plugin.name}: it cannot be read")
    plugins = [p for p in plugins if (contract.name, p.reported_name) not in fatal]
    batches = _batches(plugins)
    launches: dict[int, _Launch] = {}  # made as needed: each holds the whole census

    def launch(number: int) -> _Launch:
        if number not in launches:
            batch = batches[number]
            launches[number] = _launch(data, contract, batch, request, _beside(batch, census))
        return launches[number]

    for number, batch in enumerate(batches):
        # Up to --jobs workers at once: the next batches' start while this one's is judged.
        for later in range(number + 1, min(number + _jobs(data), len(batches))):
            if not data.dry:
                launch(later).start(data.started, _key(request, contract, later))
        named = (request["mode"], _key(request, contract, number))
        current = launch(number)
        del launches[number]
        for answer in _ask(data, contract, batch, current, named):
            by = None if answer.status == "call-failed" else _explained(answer, refusing, data)
            if by is None:
                yield replace(answer, related=_related(answer, refusing, data))
            else:  # said, as the harness says it: never dropped without a word
                where = answer.location
                note = (
                    f"{request['mode']}: {answer.plugin.name}: its refusal at "
                    f"{where.path.name}:{where.line} not reported, already explained by "
                    f"{by[1].code}"
                )
                data.notes.append(note)
                data.explained.append(Explained(*by, note))


def _explained(
    answer: Answer, refusing: Sequence[Rule], data: RunInput
) -> tuple[Finding, Finding] | None:
    """``answer``'s refusal as the rule of ``refusing``'s it is explained away as, with the
    static finding that explains it."""
    return next(
        ((f, by) for f in _as_failures(answer, refusing) if (by := explanation(f, data.findings))),
        None,
    )


def _related(answer: Answer, refusing: Sequence[Rule], data: RunInput) -> tuple[Related, ...]:
    links = {r: None for f in _as_failures(answer, refusing) for r in related(f, data.findings)}
    return tuple(links)[:3]


def _as_failures(answer: Answer, refusing: Sequence[Rule]) -> Iterator[Finding]:
    """``answer`` as a finding of each rule it may be reported under (an error)."""
    for refusal in refusing:
        yield refusal.at(
            answer.plugin,
            answer.location,
            answer.message,
            severity=Severity.ERROR,
            subject=answer.hook,
        )


def _batches(plugins: list[Plugin]) -> list[list[Plugin]]:
    """Plugins split so that no two in one worker share a name or a top-level module found in
    two places: one process imports ``main`` once, so ``a/main.py`` and ``b/main.py`` need a
    worker each. Plugins of one package on one path (sqlfluff's own rule plugins, xradar's six
    engines) share a worker: a worker each imported the host once each (0.4 s for sqlfluff),
    and each plugin still runs in a child of its own."""
    batches: list[tuple[set[str], dict[str, str | None], list[Plugin]]] = []
    for plugin in plugins:
        top, where = _top_module(plugin)
        batch = next((b for b in batches if _fits(plugin, b[0], b[1])), None)
        if batch is None:
            batch = (set(), {}, [])
            batches.append(batch)
        batch[0].add(plugin.name)
        batch[1][top] = where
        batch[2].append(plugin)
    return [members for _, _, members in batches]


def _top_module(plugin: Plugin) -> tuple[str, str | None]:
    """The plugin's top-level module and the folder it is imported from (``None``: unknown)."""
    where = plugin.import_root
    return plugin.module.split(".")[0], str(where) if where is not None else None


def _fits(plugin: Plugin, names: set[str], tops: dict[str, str | None]) -> bool:
    top, where = _top_module(plugin)
    if plugin.name in names:
        return False
    return top not in tops or (where is not None and tops[top] == where)


def _beside(batch: list[Plugin], census: Sequence[Plugin]) -> list[Plugin]:
    """The census plugins a worker judging ``batch`` imports: not one sharing a top-level
    module with a judged plugin, which it would shadow."""
    keys = {p.key for p in batch}
    modules = {p.module.split(".")[0] for p in batch}
    return [p for p in census if p.key not in keys and p.module.split(".")[0] not in modules]


def _jobs(data: RunInput) -> int:
    """Workers of a pass that may run at once: ``--jobs``, else the CPUs this process may use."""
    if data.options.jobs:
        return data.options.jobs
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _key(request: ModeRequest, contract: Contract, number: int) -> str:
    """Where a batch's worker started early waits in ``RunInput.started``: the mode's first
    one as :func:`~plugcheck.passes.start_beside` starts it, the others by contract and batch."""
    return request["mode"] if number == 0 else f"{request['mode']}:{contract.name}#{number}"


def _launch(
    data: RunInput,
    contract: Contract,
    plugins: list[Plugin],
    request: ModeRequest,
    census: Sequence[Plugin] = (),
) -> _Launch:
    """Everything the worker that judges ``plugins`` is started with."""
    from plugcheck import _ecosystem_worker, sandbox

    package = Path(_ecosystem_worker.__file__).parent

    # Absolute: the worker runs in a directory of its own.
    roots = [str(p.absolute()) for p in contract.search_path]
    # An import root that is an entry of the target's own sys.path (its site-packages, a
    # PYTHONPATH folder) is the environment's, not a plugin folder: it keeps its place there,
    # so a plugin installed on PYTHONPATH shadows its copy in site-packages in this worker as in
    # the host (tutor-indigo 18 on PYTHONPATH: the worker judged site-packages' 22 when another
    # plugin of the batch lived in site-packages), and the host's preloads are imported with it.
    environment = [str(p) for p in data.env.sys_path]
    plugin_roots = []
    for plugin in [*plugins, *census]:
        own = str(plugin.import_root.absolute()) if plugin.import_root is not None else None
        if own is not None and own not in roots and own not in environment:
            roots.append(own)
            plugin_roots.append(own)
    # The worker runs isolated (-I): the target's own sys.path (its PYTHONPATH, .pth files)
    # comes last, as the harness has it, so a host the target imports is importable here too.
    roots += [p for p in environment if p not in roots]
    step = step_deadline(contract)
    placement = Placement(
        sys_path=roots,
        plugin_roots=plugin_roots,
        preload=_preloads(contract, data),
        preload_calls=[
            {"function": function, "keywords": keywords}
            for function, keywords in filter(
                None, map(preload_call, contract.options.get("preload-calls", ()))
            )
        ],
        plugins=[PluginRef(name=p.name, ref=plugin_ref(p)) for p in plugins],
        census=[PluginRef(name=p.name, ref=plugin_ref(p)) for p in census],
        package_dirs={
            p.module: [str(p.package_dir.absolute())] for p in [*plugins, *census] if p.package_dir
        },
        step_seconds=step,
        # A stand-in for the host's script, as the fork server's (a console script).
        main_file=str(Path(data.env.executable).parent / contract.name),
    )
    # Whose code the worker's own process never runs: every plugin the run knows, as the fork
    # server's guard (rules/dynamic.py), whether this worker judges it or not.
    everyone = [
        *plugins,
        *census,
        *(p for _, others in data.contracts for p in others),
        *(p for peers in data.peers.values() for p in peers),
    ]
    placement["plugin_modules"], placement["plugin_files"], _ = guarded(
        everyone, data.env, contract, roots
    )
    # It runs plugin code: it reads only the host, the plugins, the target environment and
    # plugcheck's own files, as the harness's children do (not the home, /tmp, the workspace).
    its = [
        contract.root,
        *(p.root for p in [*plugins, *census]),
        *(p.package_dir for p in [*plugins, *census] if p.package_dir),
        package.parent,  # the worker and the harness/worker modules it loads by path
    ]
    lifecycle = contract.lifecycle
    limits = sandbox.SandboxLimits()
    memory = lifecycle.memory * sandbox.MIB if lifecycle else 0
    return _Launch(
        # -S: no distribution's .pth line in the worker's own process (shared.start_up).
        (str(data.env.executable), "-I", "-S", "-B", str(package / "__main__.py")),
        json.dumps({**request, **placement}).encode(),
        # Room for one plugin that uses every step's deadline, and a little for each other.
        WORKER_DEADLINE + 5 * step + 2 * (len(plugins) + len(census)),
        (*sandbox.readable_paths(data.env, *its), *roots),
        # The variables the harness's plugin processes keep: the contract's lifecycle.env too.
        (*sandbox.DEFAULT_ENV_ALLOW, *(lifecycle.env if lifecycle else ())),
        # Each plugin's child has the worker's address-space limit: lifecycle.memory raises it,
        # as for the harness's children (PC420's fix when a plugin passes it says so).
        replace(limits, address_space=max(limits.address_space or 0, memory)),
        tuple(placement["plugin_modules"]),
    )


def _ask(
    data: RunInput,
    contract: Contract,
    plugins: list[Plugin],
    launch: _Launch,
    named: tuple[str, str],
) -> Iterator[Answer]:
    """The answers about ``plugins`` of the worker ``launch`` describes (``named``: its mode,
    and where one started early waits for it in ``data.started``; else one is run now); a dry
    run only starts it."""
    mode, key = named
    if data.dry:
        launch.start(data.started, key)
        raise WorkerStarted(mode)
    result = launch.result(data.started, key)
    ended = ""
    if result.exit_code != 0:
        tail = (result.stderr.decode("utf-8", "replace").strip().splitlines() or [""])[-1]
        ended = f"the worker {result.describe()}" + (f": {tail}" if tail else "")
        data.notes.append(f"{mode}: {contract.name}: {ended}")
    by_name = {p.name: p for p in plugins}
    answered: set[str] = set()
    stand_in: list[tuple[str, str, str]] = []
    lines = result.stdout.decode("utf-8", "replace").splitlines()
    problems = [p for raw in lines if (p := parse_contract_problem(raw)) is not None]
    if problems:
        # The contract is wrong whatever the plugins: a configuration error, named once.
        raise UsageError(
            [
                f"{contract.source}: tool.plugcheck.contracts.{contract.name}."
                f"{p['contract']}: {p['message']}"
                for p in problems
            ]
        )
    for raw in lines:
        answer = parse_answer(raw)  # a line that is not an answer (a plugin's noise): ignored
        found = by_name.get(answer["plugin"]) if answer is not None else None
        if answer is None or found is None:
            continue
        answered.add(found.name)
        if answer["status"] != "ok" and _refused(data, mode, found, answer):
            continue
        if answer["status"] == "skipped":
            reason = answer["message"] or "no reason given"
            if answer.get("problem") in STAND_IN_PROBLEMS:
                key = answer.get("problem", "")
                stand_in.append((found.name, reason.removeprefix("stand-in failed: "), key))
            elif other := data.failed_in.get(found.key):
                data.notes.append(f"{mode}: {found.name}: not checked ({reason}): see {other}'s")
            elif _import_fails(data, found):
                data.notes.append(f"{mode}: {found.name}: not checked ({reason}): see its errors")
            else:
                data.unchecked.append(not_checked(found, mode, reason, worker_failed=False))
            continue
        # The worker imported it: the host's import of the plugin works.
        after = (
            answer.get("after_plugins", "")
            if others_may_run_first(launch.plugin_modules, found)
            else ""
        )
        data.accepted.append(
            Accepted("import", contract.name, found.reported_name, found.root, after)
        )
        if answer["status"] == "ok" or answer.get("problem") in REGISTERED_PROBLEMS:
            if answer.get("proves", True):
                data.accepted.append(
                    Accepted(mode, contract.name, found.reported_name, found.root, after)
                )
            if answer["status"] == "ok":
                continue
        location = found.claim
        path, line = answer.get("path"), answer.get("line")
        if path and line:
            line, col = def_line(data.index, Path(path), line)
            location = Location(Path(path), line, col)
        yield Answer(
            found,
            " ".join(answer["message"].split()),
            location,
            answer.get("problem", ""),
            answer["status"],
            answer.get("hook"),
        )
    for plugin in plugins:
        if plugin.name not in answered:
            reason = ended or "the worker gave no answer for it"
            data.unchecked.append(not_checked(plugin, mode, reason, worker_failed=True))
    said = any(f.code == "PC418" and f.contract == contract.name for f in data.unchecked)
    if stand_in and not said:
        # The contract's stand-in, not each plugin: one finding (docs/stand-ins.md).
        names = [name for name, _, _ in stand_in]
        data.unchecked.append(stand_in_fails(contract, names, stand_in[0][1], stand_in[0][2]))


def _preloads(contract: Contract, data: RunInput) -> list[str]:
    """What the worker imports once, before its first plugin's child: the contract's
    ``preload`` (its order), the host's package, then the modules of the types it names and its
    ``api``, as the fork server does. Before, a setup-function or subclass host's type module
    was imported again in every plugin's child."""
    named = [*contract.options.get("preload", ()), *host_package(contract, data.env)]
    return list(dict.fromkeys([*named, *type_modules(contract)]))


@dataclass(frozen=True, slots=True)
class _Launch:
    """Everything one worker's process is started with."""

    argv: tuple[str, ...]
    stdin: bytes
    deadline: float
    readable: tuple[str, ...]
    env_allow: tuple[str, ...]
    limits: SandboxLimits
    plugin_modules: tuple[str, ...] = ()
    """The modules whose code the worker's own process never runs (``host_own.guarded``)."""

    def start(self, started: Started, key: str) -> None:
        """Start the worker into ``started`` under ``key`` (a pass's dry run, beside the
        harness: :func:`~plugcheck.passes.start_beside`; a later batch's, while an earlier
        one's answers are judged), unless one already waits there."""
        from plugcheck import sandbox

        if key in started:
            return
        with contextlib.suppress(sandbox.SpawnError):  # its real run's sandbox.run says why
            started[key] = (self, sandbox.Process(self.argv, deadline=self.deadline, **self._io()))

    def result(self, started: Started, mode: str) -> Result:
        """How the worker ended: the one started beside the harness, when it was started with
        exactly this (else it is closed), or one run now. Its deadline counts from now, as
        when it is run now: the time it shared the CPUs with the harness's plugin processes is
        not held against it (a worker never times out for having started early), nor the time
        the machine kept its processes off the processors (``harness/worker/starvation.py``)."""
        from plugcheck import sandbox

        launch, process = started.pop(mode, (None, None))
        if process is None or launch != self:
            if process is not None:
                process.close()
            try:
                process = sandbox.Process(self.argv, deadline=self.deadline, **self._io())
            except sandbox.SpawnError:  # sandbox.run says why, as a result
                return sandbox.run(self.argv, deadline=self.deadline, **self._io())
        waited = time.monotonic()
        with process:
            process.timed_out = process.within(self.deadline) is None
            result = process.result()
        # "timed out after" the time plugcheck waited for it, as for a worker run now.
        return replace(result, duration=time.monotonic() - waited) if result.timed_out else result

    def _io(self) -> dict[str, Any]:
        return {
            "stdin": self.stdin,
            "readable": self.readable,
            "env_allow": self.env_allow,
            "limits": self.limits,
        }


def _refused(data: RunInput, mode: str, plugin: Plugin, answer: AnyAnswer) -> bool:
    """Whether ``answer`` failed with plugcheck's sandbox refusing the plugin's process what
    the host's user may do: PC420, as in the harness's children, instead of the mode's own rule
    (PC416, PC510, PC519...); a note when the harness already said so for the plugin's import."""
    what = answer.get("refused")
    if not isinstance(what, str) or not what:
        return False
    path = answer.get("refused_path")
    limit = answer.get("refused_limit")
    refusal = Refusal(
        what,
        path if isinstance(path, str) else None,
        answer.get("refused_write") is True,
        limit if limit in LIMITS else None,
    )
    if not host_allows(refusal):
        return False  # the host's user may not either: the plugin's own failure
    hook = answer.get("hook")
    if answer["status"] == "skipped":
        if any(f.code == "PC420" and f.about(plugin) for f in data.findings):
            data.notes.append(f"{mode}: {plugin.name}: not checked ({what} refused): see PC420")
            return True
        described = f"{mode}: importing {plugin.name}"
    elif isinstance(hook, str) and hook:
        described = f"{mode}: calling {hook}()"
    else:
        described = f"{mode}: checking {plugin.name}"
    location = plugin.claim
    where, line = answer.get("path"), answer.get("line")
    if isinstance(where, str) and isinstance(line, int) and where and line:
        at, col = def_line(data.index, Path(where), line)
        location = Location(Path(where), at, col)
    message = " ".join(answer["message"].split())
    data.unchecked.append(worker_refused(plugin, refusal, described, message, location))
    return True


def _import_fails(data: RunInput, plugin: Plugin) -> bool:
    """An earlier pass already reports, as an error, why ``plugin`` cannot be imported (PC401,
    or the static error that explains it): that it could not be checked adds nothing."""
    causes = ("PC401", *explainers("PC401"))
    return any(
        f.severity is Severity.ERROR and f.about(plugin) and f.code.startswith(causes)
        for f in data.findings
    )


def def_line(index: ModuleIndex, path: Path, line: int) -> tuple[int, int]:
    """``co_firstlineno`` is the first decorator's line; findings point at the ``def``/``class``."""
    info = index.info(path)
    if info is not None and info.tree is not None:
        for node in ast.walk(info.tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and line in (
                node.lineno,
                *(d.lineno for d in node.decorator_list[:1]),
            ):
                return node.lineno, node.col_offset + 1
    return line, 1
