"""The plugcheck side of the harness: fork servers for each contract until every plugin has
its :class:`PluginResult` (one per plugin, always), and which plugin to blame when a server is
lost."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from plugcheck.environment import Environment
from plugcheck.harness.answers import attacker, plugin_result, unrun
from plugcheck.harness.confine import ran_without
from plugcheck.harness.fork_server import ForkServerClient, HarnessError
from plugcheck.harness.host_own import others_may_run_first
from plugcheck.harness.results import PluginResult, PreloadRaised
from plugcheck.harness.server_health import WorkerLost
from plugcheck.harness.server_messages import Limits
from plugcheck.model import Contract, Plugin

IDLE_RETRIES = 2
"""New fork servers after one was lost while no plugin ran, before the rest is not run."""


OnResult = Callable[[PluginResult], None]


def run(
    units: Sequence[tuple[Contract, Sequence[Plugin]]],
    env: Environment,
    *,
    jobs: int | None = None,
    limits: Limits | None = None,
    on_result: OnResult | None = None,
    notes: list[str] | None = None,
    errors: list[str] | None = None,
    keep: bool = True,
    host_roots: Callable[[Contract], Sequence[Path]] | None = None,
    launched: ForkServerClient | None = None,
    preloads_raised: dict[str, PreloadRaised] | None = None,
    preloads_failed: dict[str, dict[str, str]] | None = None,
    guarded: Sequence[Plugin] = (),
) -> list[PluginResult]:
    """Drive every plugin through its lifecycle, each in its own process; ``on_result`` is
    called with each result as soon as it is known (progress bars), in completion order.
    Results come back in input order, one per plugin, even when a plugin stops or kills the
    fork server (it gets a result saying so; the others are run again on a fresh one); with
    ``keep=False`` none come back and ``on_result`` is the only consumer (a fleet's step
    records are then never all held at once).
    ``errors`` receives what makes the run incomplete or untrustworthy. ``host_roots`` gives
    each contract's host package directories (their modules' import-time work is the host's).
    ``launched``: a server :func:`launch` started earlier, used when it was started for the very
    same contract, plugins and settings (else closed). ``preloads_raised`` receives, per
    contract name, the first module it preloads that raised, the frames it raised through and
    the module it raised about;
    ``preloads_failed`` each module of its ``preload`` that could not be imported, and why.
    ``guarded``: plugins not run here whose code no fork server may run either (every plugin
    of the run's contracts, checked here or not)."""
    results: list[PluginResult] = []
    for contract, plugins in units:
        if not plugins:
            continue
        run_ = _ContractRun(env, contract, plugins, jobs or _cores(), limits or Limits())
        run_.on_result = on_result
        run_.keep = keep
        run_.guarded = tuple(guarded)
        found = host_roots(contract) if host_roots else ()
        run_.host_roots = tuple(dict.fromkeys(str(p) for r in found for p in (r, r.resolve())))
        if launched is not None:  # launched for the first contract's plugins, or not used
            if _same(launched, run_):
                run_.launched = launched
            else:
                launched.__exit__(None, None, None)
            launched = None
        results.extend(run_.all())
        if notes is not None:
            notes.extend(run_.notes)
        if errors is not None:
            errors.extend(run_.errors)
        if preloads_raised is not None and run_.preload_raised is not None:
            preloads_raised[contract.name] = run_.preload_raised
        if preloads_failed is not None and run_.preload_failed:
            preloads_failed[contract.name] = run_.preload_failed
    if launched is not None:
        launched.__exit__(None, None, None)
    return results


def launch(
    contract: Contract,
    plugins: Sequence[Plugin],
    env: Environment,
    *,
    jobs: int | None,
    limits: Limits,
    host_roots: Sequence[Path],
    guarded: Sequence[Plugin] = (),
) -> ForkServerClient | None:
    """A fork server for ``plugins`` started now, without waiting for it to be ready (it
    preloads and confines while plugcheck runs the static pass), for :func:`run`'s
    ``launched``; ``None`` where it cannot start (then :func:`run` starts one and says why)."""
    roots = tuple(dict.fromkeys(str(p) for r in host_roots for p in (r, r.resolve())))
    server = ForkServerClient(
        env, contract, jobs or _cores(), limits, host_roots=roots, guarded=guarded
    )
    try:
        server.launch(plugins)
    except (HarnessError, OSError):
        server.__exit__(None, None, None)
        return None
    server.launched_for = tuple(map(id, plugins))
    return server


def _same(server: ForkServerClient, run_: _ContractRun) -> bool:
    """Whether ``server`` was launched exactly as ``run_`` starts its first one."""
    return (
        server.contract is run_.contract
        and server.env is run_.env
        and server.jobs == run_.jobs
        and server.limits == run_.limits
        and tuple(server.host_roots) == run_.host_roots
        and server.launched_for == tuple(map(id, run_.plugins))
        and {*map(id, server.guarded), *server.launched_for}
        == {*map(id, run_.guarded), *server.launched_for}
    )


@dataclass
class _ContractRun:
    """All plugins of one contract: fork servers until each plugin has its result. A plugin
    whose process stops, traces or kills the server is found (alone in flight, or run again
    alone) and gets a result saying so; everything else is run again on a new server."""

    env: Environment
    contract: Contract
    plugins: Sequence[Plugin]
    jobs: int
    limits: Limits
    on_result: OnResult | None = None
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    keep: bool = True
    host_roots: tuple[str, ...] = ()
    done: dict[int, bool] = field(default_factory=dict)
    """Plugins with their result: whether the result blames the plugin for an attack on the
    harness (a lost fork server)."""
    kept: dict[int, PluginResult] = field(default_factory=dict)
    preload_raised: PreloadRaised | None = None
    """The first preload that raised, the frames it raised through (outermost first), and the
    module it raised about."""
    preload_failed: dict[str, str] = field(default_factory=dict)
    """The modules of the contract's ``preload`` that could not be imported, and why."""
    launched: ForkServerClient | None = None
    """A server already started for these plugins: the first batch's, unless run alone."""
    guarded: tuple[Plugin, ...] = ()
    """Plugins whose code the server must never run, besides these (see :func:`run`)."""

    def all(self) -> list[PluginResult]:
        pending = list(range(len(self.plugins)))
        suspects: list[int] = []
        unexplained: list[tuple[str, list[int]]] = []
        idle = 0
        while pending or suspects:
            alone = suspects[:1]
            suspects = suspects[1:]
            server, failure = self._serve(alone or pending, jobs=1 if alone else self.jobs)
            if failure is not None:
                running = [i for i in server.running if i not in self.done]
                culprit, how = _culprit(server, failure, running, alone=bool(alone))
                if culprit is not None:
                    self._blame(culprit, failure, how)
                    running.remove(culprit)
                elif running:
                    # Blamed only if it happens again with the plugin alone: a daemon left by a
                    # plugin that has finished may have done it while this one ran.
                    unexplained.append((failure.what, running))
                else:
                    idle += 1
                    running = [i for i in alone if i not in self.done]
                    if not self._idle(failure, idle):
                        break
                suspects = [*running, *(i for i in suspects if i not in running)]
            pending = [i for i in pending if i not in self.done and i not in suspects]
        for index in range(len(self.plugins)):
            if index not in self.done:  # the server kept failing with nothing running
                self._record(index, unrun(self.plugins[index], self.contract, "failed"))
        for what, group in unexplained:
            if not any(self.done[i] for i in group):
                self.errors.append(
                    f"harness: contract {self.contract.name}: the fork server {what} while "
                    + ", ".join(self.plugins[i].name for i in group)
                    + " ran; run again one at a time, none of them did it again"
                )
        return [self.kept[i] for i in range(len(self.plugins))] if self.keep else []

    def _serve(self, batch: list[int], *, jobs: int) -> tuple[ForkServerClient, WorkerLost | None]:
        """Run ``batch`` on one fork server: the server, and what stopped it if anything."""
        server, self.launched = self.launched, None
        if server is None or jobs != server.jobs:
            if server is not None:
                server.__exit__(None, None, None)
            server = ForkServerClient(
                self.env,
                self.contract,
                jobs,
                self.limits,
                host_roots=self.host_roots,
                guarded=self.guarded,
            )
        with server:
            try:
                preload = server.start(self.plugins)
                first = min(server.preload_raised_at.items(), default=None)
                if first is not None and self.preload_raised is None:
                    self.preload_raised = PreloadRaised(*first, None)
                for name, what in sorted(server.deferred.items()):
                    note = (
                        f"harness: contract {self.contract.name}: {name} runs a plugin's code "
                        f"while it is imported ({what}): imported in each plugin's own process "
                        "(confined), never in the fork server"
                    )
                    self.notes.extend([note] if note not in self.notes else [])
                for name, problem in sorted(preload.items()):
                    note = (
                        f"harness: contract {self.contract.name}: cannot preload {name} in "
                        f"{self.env.executable}: {problem}"
                    )
                    if problem and note not in self.notes:
                        self.notes.append(note)
                        self.preload_failed.setdefault(name, problem)
                if server.failed_call is not None:
                    function, raised = server.failed_call
                    calls = [c for c in self.contract.options.get("preload-calls", ())]
                    later = bool(calls) and calls[-1] not in (function, {"function": function})
                    error = (
                        f"harness: contract {self.contract.name}: preload-calls: {function}() "
                        f"raised {raised} in {self.env.executable}: "
                        + ("the calls after it were not made, and " if later else "")
                        + "the plugins ran without the session the host starts first"
                    )
                    if error not in self.errors:
                        self.errors.append(error)
                if self.limits.temp_size and not server.temp_bound:
                    note = (
                        f"harness: contract {self.contract.name}: plugin temporary directories "
                        "are bounded per file only (RLIMIT_FSIZE), not in all, and plugins share "
                        "the machine's network namespace: this system refuses unprivileged user "
                        "namespaces"
                    )
                    if note not in self.notes:
                        self.notes.append(note)
                self._confined(server.confinement)
                lifecycle = self.contract.lifecycle
                if server.undeclared and lifecycle is not None and lifecycle.calls is None:
                    note = (
                        f"harness: contract {self.contract.name}: the lifecycle protocol "
                        f"{lifecycle.protocol} declares no "
                        + ", ".join(f"{m}()" for m in server.undeclared)
                        + ": the harness does not call "
                        + ("it" if len(server.undeclared) == 1 else "them")
                        + "; lifecycle.calls declares the calls the host makes instead"
                    )
                    if note not in self.notes:
                        self.notes.append(note)
                for index, message in server.run(self.plugins, batch):
                    plugin = self.plugins[index]
                    roots = server.code_roots(plugin)
                    result = plugin_result(plugin, self.contract, message, roots)
                    absent = tuple(server.absent_builtins)
                    # The preloads that run plugins' code, where one may be another's.
                    others = others_may_run_first(server.plugin_modules, plugin)
                    after = ", ".join(server.deferred) if others else ""
                    self._record(
                        index, replace(result, absent_builtins=absent, after_plugins=after)
                    )
            except WorkerLost as exc:
                server.kill([i for i in server.running if i not in self.done])
                return server, exc
        return server, None

    def _confined(self, actual: list[str]) -> None:
        """Say when the server confines its children with less than the report says."""
        if not self.limits.confine:
            return
        missing = [m for m in self.limits.confinement if m not in actual]
        if not missing:
            return
        ran_without(missing, said=True)  # the report's confinement does not claim them
        said = (
            f"harness: contract {self.contract.name}: plugin processes ran without "
            f"{', '.join(missing)}: the fork server could not put it in force"
        )
        where = self.errors if self.limits.required else self.notes
        if said not in where:
            where.append(said)

    def _idle(self, failure: WorkerLost, count: int) -> bool:
        """A server lost while no plugin ran (a daemon a finished plugin left behind): say so;
        whether to start another for the plugins not yet run (twice at the most)."""
        again = count <= IDLE_RETRIES
        self.errors.append(
            f"harness: contract {self.contract.name}: the fork server {failure.what} while no "
            "plugin was running; "
            + (
                "the plugins not yet run were run on a new server"
                if again
                else "the plugins not yet run were not run"
            )
        )
        return again

    def _blame(self, index: int, failure: WorkerLost, how: str) -> None:
        plugin = self.plugins[index]
        self._record(index, attacker(plugin, self.contract, failure.what))
        self.errors.append(
            f"harness: contract {self.contract.name}: the fork server {failure.what} while "
            f"{plugin.name} ran{how}: reported as {plugin.name}'s PC426"
            + ("; the other plugins were run on a new server" if len(self.plugins) > 1 else "")
        )

    def _record(self, index: int, result: PluginResult) -> None:
        self.done[index] = bool(result.harness_attack)
        if self.keep:
            self.kept[index] = result
        if self.on_result is not None:
            self.on_result(result)


def _cores() -> int:
    """CPUs this process may run on (a container's or taskset's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _culprit(
    server: ForkServerClient, failure: WorkerLost, running: list[int], *, alone: bool
) -> tuple[int | None, str]:
    """The plugin whose process did it, and how plugcheck knows: the tracer is its process,
    or it happened again while the plugin ran alone on a fresh server."""
    if failure.tracer:
        for index in running:
            if index in server.pids and _descends(failure.tracer, server.pids[index]):
                return index, f" (the tracer, process {failure.tracer}, is its own)"
    if alone and len(running) == 1:
        return running[0], " again, alone on a new server"
    return None, ""


def _descends(pid: int, ancestor: int) -> bool:
    for _ in range(64):
        if pid == ancestor:
            return True
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                pid = int(handle.read().rpartition(b")")[2].split()[1])
        except (OSError, IndexError, ValueError):
            return False
        if pid <= 1:
            return False
    return False


__all__ = ["HarnessError", "Limits", "OnResult", "run"]
