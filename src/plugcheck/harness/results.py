"""What the harness reports per plugin: plain, frozen data built from the worker's messages."""

from __future__ import annotations

import enum
import re
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from plugcheck.harness.protocol import Facts
from plugcheck.model import Contract, Plugin

NO_HOST_DEADLINE = 30.0
"""Seconds per step for a contract without a ``lifecycle`` (pluggy, subclass, setup-function
and plugin-class hosts): such a host times nothing, so a step only fails when it hangs. A plugin
whose import pulls in a large SDK (seconds of wall time on a loaded machine) is slow, not broken."""


class PreloadRaised(NamedTuple):
    """A module of the contract's preloads that raised: in the fork server, or in a plugin's
    own process (a preload the server left to each child: that plugin's word)."""

    module: str
    frames: list[tuple[Path, int]]
    """The frames it raised through, outermost first."""
    subject: Path | None = None
    """The file of the module what it raised is about (``describe.subject_of``), if any."""
    error: str = ""
    """``Type: message`` of what it raised, when known here."""
    refusal: Refusal | None = None
    """What plugcheck's sandbox refused there, which the host's user may do: no failure the
    host meets (another plugin's code the host runs first was refused: PC424 names it)."""


def step_deadline(contract: Contract) -> float:
    """The wall deadline of each harness step: the lifecycle's, else :data:`NO_HOST_DEADLINE`."""
    return contract.lifecycle.deadline if contract.lifecycle else NO_HOST_DEADLINE


class Outcome(enum.Enum):
    OK = "ok"
    RAISED = "raised"
    TIMEOUT = "timeout"
    CRASHED = "crashed"
    """Killed by a signal (segfault, abort, out of CPU time)."""
    EXITED = "exited"
    """The process ended during the step (``os._exit``)."""
    LOST = "lost"
    """The process stopped reporting (it closed or took over the harness's pipe)."""
    SKIPPED = "skipped"
    """The step does not apply (``register`` without a registry in the contract); ``detail``
    says why."""


@dataclass(frozen=True, slots=True)
class Frame:
    path: Path
    line: int
    function: str = ""
    source: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" + (f" in {self.function}" if self.function else "")

    def short(self) -> str:
        """Like ``str()``, with the path relative to the working directory when inside it."""
        try:
            path = self.path.relative_to(Path.cwd())
        except ValueError:
            path = self.path
        return f"{path}:{self.line}" + (f" in {self.function}" if self.function else "")


LIMITS = ("cpu", "memory")
"""The limits of plugcheck's sandbox that a contract key raises (``Refusal.limit``)."""


@dataclass(frozen=True, slots=True)
class Refusal:
    """What plugcheck's sandbox refused a plugin's process (worker/refusal.py): a file's
    ``path`` (and whether it was written) when it was one."""

    what: str
    path: str | None = None
    write: bool = False
    limit: str | None = None
    """Which of plugcheck's limits the process passed (``cpu``, ``memory``): the finding then
    names the contract key that raises it."""


@dataclass(frozen=True, slots=True)
class Failure:
    """An exception from plugin code, its traceback trimmed to the plugin's own frames."""

    type: str
    message: str
    frames: tuple[Frame, ...] = ()
    refused: Refusal | None = None
    """What plugcheck's sandbox refused, when the exception carries its refusal."""
    origin: Frame | None = None
    """Where the exception was raised, when that is outside the plugin (the host's file,
    another plugin's): the innermost frame of the whole traceback."""
    subject: Path | None = None
    """The file of the module the exception is about (an ``AttributeError``'s object, an
    ``ImportError``'s path): another plugin's, whose missing name the host read."""

    def __str__(self) -> str:
        return f"{self.type}: {self.message}" if self.message else self.type

    def collapsed(self, limit: int = 8) -> list[tuple[Frame, int]]:
        """The plugin's frames, innermost last, as (frame, further repeats): a run of one
        repeated frame (a recursion) becomes one entry; at most ``limit`` entries, the
        outermost and the innermost kept."""
        runs: list[tuple[Frame, int]] = []
        for current in self.frames:
            if runs and runs[-1][0] == current:
                runs[-1] = (current, runs[-1][1] + 1)
            else:
                runs.append((current, 0))
        if len(runs) > limit:
            runs = [runs[0], *runs[-(limit - 1) :]]
        return runs

    def traceback(self, limit: int = 8) -> str:
        lines = []
        for frame_, repeats in self.collapsed(limit):
            lines.append(f"  {frame_.short()}" + (f": {frame_.source}" if frame_.source else ""))
            if repeats:
                lines.append(f"  [previous line repeated {repeats} more times]")
        return "\n".join([*lines, str(self)])


@dataclass(frozen=True, slots=True)
class StepResult:
    name: str
    outcome: Outcome
    seconds: float = 0.0
    target: Frame | None = None
    """Where the callable driven by this step is defined (the factory, ``init``...)."""
    failure: Failure | None = None
    where: Frame | None = None
    """Where plugin code was when the step timed out or crashed (from faulthandler)."""
    detail: str = ""
    stdout_bytes: int = 0
    stdout_where: Frame | None = None
    waited: float = 0.0
    """(a timeout the server ended) Seconds it ran past its deadline because the machine kept it
    waiting for a processor (``worker/starvation.py``)."""


@dataclass(frozen=True, slots=True)
class PluginResult:
    """One plugin's run through the harness: exactly one per plugin, whatever happened."""

    plugin: Plugin
    contract: Contract
    steps: tuple[StepResult, ...] = ()
    facts: Facts = field(default_factory=lambda: Facts())
    """Per step: what the worker observed (missing symbols, identity, leaks, side effects)."""
    exit_code: int | None = None
    stdout_head: str = ""
    stdout_bytes: int = 0
    """Everything the plugin process wrote to stdout, in bytes."""
    stderr_tail: str = ""
    seconds: float = 0.0
    skipped: str | None = None
    """Why the harness did not run it (a fatal static finding, a lost fork server)."""
    forged: tuple[str, ...] = ()
    """Why the records of this run are not (all) the harness's own: records without the
    child's token, steps out of order, an end before the required steps (PC425)."""
    forged_step: str | None = None
    """The step the child was in when the first record without its token arrived."""
    harness_attack: str = ""
    """What this plugin's process did to the fork server, as plugcheck saw it from outside
    (stopped, traced, killed it: PC426); its own records were lost with the server."""
    escaped: tuple[str, ...] = ()
    """Processes it left running, which the fork server found in its ``pids`` cgroup once its
    process ended: observed from outside, not its own word."""
    absent_builtins: tuple[str, ...] = ()
    """The contract's host-builtins no preload put in builtins: the plugin ran without the
    host's session (PC423)."""
    after_plugins: str = ""
    """The preloads the fork server left to each plugin's process because they run plugins'
    code (the host loads its plugins as it is imported): other plugins' code ran in this
    plugin's process before it, so what the process says is their word too."""

    def step(self, name: str) -> StepResult | None:
        for step in self.steps:
            if step.name == name:
                return step
        return None

    @property
    def ok(self) -> bool:
        return (
            self.skipped is None
            and not self.forged
            and not self.harness_attack
            and all(s.outcome in (Outcome.OK, Outcome.SKIPPED) for s in self.steps)
        )


def frame(raw: Any) -> Frame | None:
    """A frame from the worker's ``{"path", "line"}`` dict or ``[path, line]`` pair."""
    if isinstance(raw, dict) and raw.get("path"):
        return Frame(
            Path(raw["path"]),
            int(raw.get("line") or 1),
            str(raw.get("function", "")),
            str(raw.get("source", "")),
        )
    if isinstance(raw, list | tuple) and len(raw) == 2 and raw[0]:
        return Frame(Path(raw[0]), int(raw[1]))
    return None


def refusal_of(refused: Any) -> Refusal | None:
    """A refusal from the worker's ``RefusalDict``."""
    if not isinstance(refused, dict) or not refused.get("what"):
        return None
    return Refusal(
        str(refused.get("what", ""))[:500],
        str(refused["path"]) if isinstance(refused.get("path"), str) else None,
        refused.get("write") is True,
        refused["limit"] if refused.get("limit") in LIMITS else None,
    )


def failure(raw: Any) -> Failure | None:
    if not isinstance(raw, dict):
        return None
    frames = tuple(f for f in (frame(x) for x in raw.get("frames", [])) if f is not None)
    refusal = refusal_of(raw.get("refused"))
    origin = frame(raw.get("origin"))
    message = str(raw.get("message", ""))
    subject = Path(raw["subject"]) if isinstance(raw.get("subject"), str) else None
    return Failure(str(raw.get("type", "?")), message, frames, refusal, origin, subject)


_FAULT_FRAME = re.compile(r'^\s*File "(?P<path>.*)", line (?P<line>\d+) in (?P<fn>\S+)')


_THREAD = re.compile(r"^(?P<current>Current thread|Thread) (?P<ident>0x[0-9a-fA-F]+)")


def fault_frame(text: str, roots: tuple[Path, ...], prefer: int | None = None) -> Frame | None:
    """The innermost plugin frame in a faulthandler dump: from thread ``prefer`` when given
    (the thread that ran the step that timed out), else from the faulting ("current") thread,
    else from any thread."""
    blocks: list[tuple[int, list[Frame]]] = []
    for line in text.splitlines():
        header = _THREAD.match(line)
        if header or line.startswith("Stack (most recent"):
            ident = int(header["ident"], 16) if header else None
            rank = 0 if prefer is not None and ident == prefer else 2
            if header and header["current"] == "Current thread" and prefer is None:
                rank = 1
            blocks.append((rank, []))
            continue
        match = _FAULT_FRAME.match(line)
        if match and blocks:
            blocks[-1][1].append(Frame(Path(match["path"]), int(match["line"]), match["fn"]))
    blocks.sort(key=lambda b: b[0])
    for _, frames in blocks:
        for candidate in frames:
            if _inside(candidate.path, roots):
                return candidate
    return None


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
