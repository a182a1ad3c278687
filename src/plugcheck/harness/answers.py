"""The fork server's answer for one plugin turned into a :class:`PluginResult`: its steps and
facts, where its process stopped, and whether its records are the harness's own."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from plugcheck.harness.fork_server import HarnessError
from plugcheck.harness.protocol import Facts, FactsRecord, Result, Step, StepDone
from plugcheck.harness.results import (
    Failure,
    Frame,
    Outcome,
    PluginResult,
    Refusal,
    StepResult,
    failure,
    fault_frame,
    frame,
    signal_name,
)
from plugcheck.harness.worker.constants import (
    HARNESS_EXIT,
    LOST_EXIT,
    MESSAGE_LIMIT,
    REJECTED_SAMPLE,
)
from plugcheck.harness.worker.denied import SECCOMP_KILLED
from plugcheck.model import Contract, Plugin
from plugcheck.options import strict


def attacker(plugin: Plugin, contract: Contract, what: str) -> PluginResult:
    """The result of a plugin whose process stopped, traced or killed the fork server: its
    own records went down with the server (the server reads them only every few ms)."""
    return PluginResult(
        plugin=plugin, contract=contract, harness_attack=f"the harness's fork server {what}"
    )


def unrun(plugin: Plugin, contract: Contract, what: str) -> PluginResult:
    return PluginResult(
        plugin=plugin, contract=contract, skipped=f"the harness's fork server {what}"
    )


def plugin_result(
    plugin: Plugin, contract: Contract, message: Result, roots: tuple[Path, ...] | None = None
) -> PluginResult:
    """``roots``: the plugin's code roots, each resolved and as given (resolved here when not
    given)."""
    steps: list[StepResult] = []
    merged: dict[str, dict[str, Any]] = {}
    if roots is None:
        roots = tuple(r for root in plugin.code_roots for r in (root.resolve(), root))
    records, rejected = _records(message.get("lines") or [])
    if rejected:
        message = {
            **message,
            "rejected": message.get("rejected", 0) + len(rejected),
            "rejected_sample": message.get("rejected_sample") or rejected[0],
        }
    for record in records:
        if record.get("t") == "facts":
            observed = cast(FactsRecord, record)
            merged.setdefault(str(observed["step"]), {}).update(observed.get("facts") or {})
            continue
        raw = cast(StepDone, record)
        stdout = raw.get("stdout") or {"bytes": 0, "where": None}
        steps.append(
            StepResult(
                name=str(raw.get("step")),
                outcome=_outcome(raw.get("outcome")),
                seconds=float(raw.get("seconds", 0.0)),
                target=frame(raw.get("target")),
                failure=failure(raw.get("error")),
                stdout_bytes=int(stdout.get("bytes", 0)),
                stdout_where=frame(stdout.get("where")),
                detail=str(raw.get("detail", "")),
            )
        )
    exit_code = message.get("exit")
    fault = str(message.get("fault", ""))
    _late_where(steps, str(message.get("late_fault") or fault), roots, message.get("main_thread"))
    current = message.get("current")
    if exit_code == HARNESS_EXIT and strict():
        raise HarnessError(f"harness child failed on {plugin.name}: {message.get('stderr')}")
    facts = cast(Facts, merged)
    forged = _forged(contract, plugin, steps, facts, message)
    if current is not None or not message.get("ended"):
        name = str(current.get("step")) if current else (steps[-1].name if steps else "import")
        target = frame(current.get("target")) if current else None
        steps.append(_ended(name, target, message, fault, roots))
    return PluginResult(
        plugin=plugin,
        contract=contract,
        steps=tuple(steps),
        facts=facts,
        exit_code=exit_code if isinstance(exit_code, int) else None,
        stdout_head=str(message.get("stdout_head", "")),
        stdout_bytes=int(message.get("stdout_size", 0)),
        stderr_tail=str(message.get("stderr", "")),
        seconds=float(message.get("seconds", 0.0)),
        forged=forged,
        forged_step=_forged_step(message),
        escaped=tuple(str(c) for c in message.get("escaped") or ()),
    )


def _records(lines: Sequence[bytes]) -> tuple[list[StepDone | FactsRecord], list[str]]:
    """The child's records the server forwarded undecoded, decoded; and the lines among them
    that are no step's end or facts record (cut to a sample's length). The server forwards
    only lines stamped with the child's token, so only the plugin's own process (which holds
    it) can write such a line: a record forged, as one without the token."""
    records: list[StepDone | FactsRecord] = []
    rejected: list[str] = []
    for line in lines:
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):  # RecursionError: a line nested too deep
            record = None
        if isinstance(record, dict) and record.get("t") in ("done", "facts"):
            records.append(record)  # type: ignore[arg-type]  # JSON, read as the types say
        else:
            rejected.append(line[:REJECTED_SAMPLE].decode("utf-8", "replace"))
    return records, rejected


def _late_where(steps: list[StepResult], fault: str, roots: tuple[Path, ...], main: object) -> None:
    """A step that returned after its deadline (a C ``sleep`` that the server's ``SIGUSR1`` cut
    short) is the driver's timeout: the stacks the server asked for are its location (kept by
    the server once the child moved on, ``late_fault``; else the fault file, when the child
    ended first). Before, such a timeout had no "stuck at" line (red team sand17), and on a
    loaded machine lost it again when the server looked after the child moved on and before
    it ended (it emptied the file)."""
    late = [i for i, s in enumerate(steps) if s.outcome is Outcome.TIMEOUT and s.where is None]
    if len(late) != 1 or not fault:
        return
    where = fault_frame(fault, roots, main if isinstance(main, int) else None)
    if where is not None:
        steps[late[0]] = replace(steps[late[0]], where=where)


def expected_steps(contract: Contract, plugin: Plugin) -> list[Step]:
    """The steps the worker reports, in order, for a plugin that passes every one of them."""
    lifecycle = contract.lifecycle
    steps = [Step.IMPORT, Step.LOOKUP, Step.REGISTER]
    if lifecycle is None or not contract.factory_of(plugin):
        return steps
    steps.append(Step.FACTORY)
    if lifecycle.protocol is not None:
        steps.append(Step.IDENTITY)
    if lifecycle.calls is not None:
        return steps + [Step.CALL] * len(lifecycle.calls)
    steps += [Step.INIT, Step.RUN, Step.SHUTDOWN]
    if lifecycle.long_running:
        steps.append(Step.RUN_STOP)
    steps += [Step.SECOND_SHUTDOWN, Step.AFTER_SHUTDOWN]
    if lifecycle.invalid_config is not None:
        steps.append(Step.INVALID_CONFIG)
    if lifecycle.reload:
        steps.append(Step.RELOAD)
    return steps


_NOT_STOPPING = {
    Step.REGISTER,
    Step.SECOND_SHUTDOWN,
    Step.AFTER_SHUTDOWN,
    Step.INVALID_CONFIG,
    Step.RELOAD,
    Step.AT_EXIT,
    Step.RELEASE,
}
"""Steps after whose failure the worker carries on with the next one."""


def _forged(
    contract: Contract,
    plugin: Plugin,
    steps: Sequence[StepResult],
    facts: Facts,
    message: Result,
) -> tuple[str, ...]:
    """Why this plugin's records are not the harness's own: records on its channel without
    the child's token, steps out of the contract's order, or an ``end`` before the steps the
    contract requires when nothing failed that would have stopped them."""
    reasons = []
    rejected = message.get("rejected")
    if isinstance(rejected, int) and rejected > 0:
        sample = str(message.get("rejected_sample", ""))[:80]
        reasons.append(
            f"{rejected} record{'s' if rejected != 1 else ''} on its result channel did not "
            f"carry the harness's token and plugin id for this child (first: {sample!r})"
        )
    names = [s.name for s in steps]
    if names and names[-1] == Step.AT_EXIT:  # after whichever step was last, when registered
        names.pop()
    if names and names[-1] == Step.RELEASE:  # after whichever step was last, once built
        names.pop()
    expected: list[str] = [s.value for s in expected_steps(contract, plugin)]
    if names != expected[: len(names)]:
        reasons.append(
            f"steps reported out of order: {', '.join(names)} (expected {', '.join(expected)})"
        )
    elif (
        message.get("ended")
        and len(names) < len(expected)
        and not _stopped_early(contract, plugin, steps, facts)
    ):
        reasons.append(
            "its process reported the end after "
            + (names[-1] if names else "no step")
            + " with nothing failed; "
            + ", ".join(expected[len(names) :])
            + " never ran"
        )
    return tuple(reasons)


def _stopped_early(
    contract: Contract, plugin: Plugin, steps: Sequence[StepResult], facts: Facts
) -> bool:
    """Whether the worker had a reason to stop after the last step it reported."""
    done = (Outcome.OK, Outcome.SKIPPED)
    if any(s.outcome not in done and s.name not in _NOT_STOPPING for s in steps):
        return True
    if facts.get("identity", {}).get("ok") is False or facts.get("run"):
        return True  # not the host's class; a long-running run() that did not stop
    lifecycle = contract.lifecycle
    if lifecycle is not None and steps and steps[-1].name == Step.REGISTER:
        name = contract.factory_of(plugin)
        factory = next((e for e in contract.exports_of(plugin) if e.name == name), None)
        return factory is None or factory.optional or bool(facts.get("lookup", {}).get("missing"))
    return False


def _forged_step(message: Result) -> str | None:
    at = message.get("rejected_step")
    return str(at["step"]) if at else None


def _outcome(raw: object) -> Outcome:
    """The worker's outcome name; an unknown one is a plugcheck bug (raised under the test
    suite's PLUGCHECK_STRICT, reported as a lost step otherwise)."""
    try:
        return Outcome(raw)
    except ValueError:
        if strict():
            raise HarnessError(f"unknown step outcome from the worker: {raw!r}") from None
        return Outcome.LOST


CPU_LIMIT = (
    "more CPU time than plugcheck's limit (RLIMIT_CPU: ten times the step's deadline and 2 s, "
    "for the plugin's process in all, every thread counted: SIGXCPU)"
)


MEMORY_BOUND = (
    "more memory than plugcheck's memory bound: {} MiB for the plugin's processes together "
    "(twice lifecycle.memory and its temporary directory; its memory cgroup's OOM killer "
    "ended the process)"
)


def _ended(
    name: str,
    target: Frame | None,
    message: Mapping[str, Any],
    fault: str,
    roots: tuple[Path, ...],
) -> StepResult:
    """The step during which the process stopped without reporting: why, and where it was."""
    code = message.get("exit")
    timed_out = message.get("killed") is True
    main = message.get("main_thread")
    prefer = main if timed_out and isinstance(main, int) else None
    where = fault_frame(fault, roots, prefer) or frame(message.get("exit_where"))
    if timed_out:
        outcome, detail = Outcome.TIMEOUT, ""
    elif isinstance(code, int) and code < 0:
        outcome, detail = Outcome.CRASHED, signal_name(-code)
    elif message.get("oversized"):
        limit = MESSAGE_LIMIT >> 20
        outcome = Outcome.LOST
        detail = f"its reports exceeded the harness's {limit} MiB limit and the rest was dropped"
    elif code == LOST_EXIT:
        outcome, detail = Outcome.LOST, ""
    else:
        outcome, detail = Outcome.EXITED, f"exit status {code}"
    stderr = str(message.get("stderr", "")).strip().splitlines()
    failure_ = None
    if outcome is Outcome.CRASHED and detail == "SIGXCPU":
        # The kernel's answer to RLIMIT_CPU, which the host does not set: a plugin whose
        # threads (a BLAS pool, a thread per core) use more CPU time than ten step deadlines
        # on a machine with many cores ends here, not in the host.
        cpu = Refusal(CPU_LIMIT, limit="cpu")
        failure_ = Failure(detail, stderr[0][:200] if stderr else "", refused=cpu)
    elif outcome is Outcome.CRASHED and detail == "SIGKILL" and message.get("oom_kills"):
        # Nobody but the kernel sends it there: the plugin's processes together reached what
        # plugcheck lets them hold (cells.py), a bound the host does not set.
        bound = Refusal(MEMORY_BOUND.format(message.get("memory_bound", 0)), limit="memory")
        failure_ = Failure(detail, "", refused=bound)
    elif outcome is Outcome.CRASHED and detail == "SIGSYS":
        # Only the seccomp filter sends it (a process made outside the plugin's tree).
        failure_ = Failure(detail, "", refused=Refusal(SECCOMP_KILLED))
    elif outcome is Outcome.CRASHED and stderr:
        failure_ = Failure(detail, stderr[0][:200])
    waited = message.get("waited")
    waited = float(waited) if timed_out and isinstance(waited, int | float) else 0.0
    return StepResult(
        name, outcome, target=target, where=where, detail=detail, failure=failure_, waited=waited
    )
