"""What a plugin left running, in a finding's words: PC410 after ``shutdown()`` and at the host's
exit, PC421 after the host dropped the plugin's object (what its finalizers started, after the
leak census)."""

from __future__ import annotations

from collections.abc import Iterator

from plugcheck.harness.protocol import AfterShutdownFacts
from plugcheck.harness.results import Outcome, PluginResult, StepResult, frame
from plugcheck.model import Finding, Location, Related
from plugcheck.rules.dynamic_rules import PC409, PC410, PC413, PC421
from plugcheck.rules.setup_spec import setup_contract


def left_behind(leaks: AfterShutdownFacts) -> tuple[list[str], list[Related]]:
    """The leaks named (threads, child processes, descriptors) and where each thread is."""
    parts: list[str] = []
    related: list[Related] = []
    for thread in leaks.get("threads", []):
        where = frame(thread.get("where"))
        parts.append(f"non-daemon thread {thread['name']!r}")
        if where is not None:
            related.append(Related(Location(where.path, where.line), "the thread is here"))
    if leaks.get("children"):
        parts.append("child processes " + ", ".join(f"`{c}`" for c in leaks["children"]))
    if leaks.get("handler_children"):
        listed = ", ".join(f"`{c}`" for c in leaks["handler_children"])
        parts.append(f"child processes {listed} that an atexit handler it registered started")
    if leaks.get("strays"):
        listed = ", ".join(f"`{c}`" for c in leaks["strays"])
        parts.append(
            f"processes {listed} it made as its parent's children (clone with CLONE_PARENT), "
            "outside its own process tree"
        )
    if leaks.get("fds"):
        parts.append(f"open file descriptors {', '.join(leaks['fds'])}")
    return parts, related


def finalizer_leaks(result: PluginResult, described: str, location: Location) -> Iterator[Finding]:
    """PC421 for the non-daemon threads and processes the object's finalizers started and left
    running: the host's interpreter waits for such a thread when it exits (it never exits while
    the thread runs), and a process outlives the host."""
    parts, related = left_behind(result.facts.get("release", {}))
    if not parts:
        return
    waits = "; the host's interpreter waits for a non-daemon thread before it exits"
    yield PC421.at(
        result.plugin,
        related[0].location if related else location,
        f"{described} started and left running {'; '.join(parts)}"
        + (waits if result.facts.get("release", {}).get("threads") else ""),
        related=related[1:],
    )


def exit_leaks(result: PluginResult, location: Location) -> Iterator[Finding]:
    """PC410 for the non-daemon threads and processes that ran before ``init()`` (started at
    import, by the factory or in a host call) and still run when the host's interpreter exits,
    and the processes it made as its parent's children in any step (``strays``: red31's
    helper from ``init()`` was said to be started at import or by the factory)
    (``harness/worker/host_exit.py``); ``location`` when no thread is in the plugin's files."""
    leaks = result.facts.get("at-exit", {})
    parts, related = left_behind(leaks)
    yield from _escaped(result, location)
    spec = setup_contract(result.contract)
    if not parts or (
        spec is not None
        and (spec.stand_ins is not None or spec.handed)
        and spec.function_of(result.plugin) is not None
    ):
        return  # (the setup-function worker calls it and judges the host's exit: PC569)
    started = "started at import or by the factory" + (
        " or a host call" if result.step("call") is not None else ""
    )
    if leaks.get("strays"):  # any step may have made them: no census of its saw them before
        started = "started at import, by the factory or in a later step"
    elif _never_shut_down(result):  # init() and run() too: no census after them
        started = "started at import, by the factory, init() or run(); the host calls no shutdown()"
    waits = "; the host's interpreter waits for a non-daemon thread and never exits"
    yield PC410.at(
        result.plugin,
        related[0].location if related else location,
        f"left running when the host exits ({started}, never stopped): {'; '.join(parts)}"
        + (waits if leaks.get("threads") else ""),
        related=related[1:],
    )


def _never_shut_down(result: PluginResult) -> bool:
    """Whether the host's protocol declares no ``shutdown()``: the harness never called it,
    and what the lifecycle started is judged at the host's exit (before, a non-daemon thread
    that ``run()`` started and never ended passed: red team red49)."""
    shutdown = result.step("shutdown")
    return shutdown is not None and shutdown.outcome is Outcome.SKIPPED


_PROCESSES = ("children", "handler_children", "strays")
_WARNED = frozenset({*PC409.steps, *PC413.steps})
"""Steps whose failure is a warning (a second ``shutdown()``, a reload), no error already: a
plugin whose second ``shutdown()`` raised on purpose had its escaped daemon's PC410 dropped, one
warning left (red team red45)."""


def only_printed(step: StepResult) -> bool:
    """Whether ``step`` raised where the interpreter only prints the exception (an atexit
    handler, a finalizer): a warning (PC419, PC421), the host goes on or exits as it would."""
    return step.name in ("at-exit", "release") and step.outcome is Outcome.RAISED


def _failed(step: StepResult) -> bool:
    """Whether ``step`` failed with an error: a warning's failure (``_WARNED``, or an exception
    only printed) is no error already, and a plugin whose atexit handler raised on purpose had
    its escaped daemon's PC410 dropped as well (red team red50)."""
    if step.outcome in (Outcome.OK, Outcome.SKIPPED):
        return False
    return step.name not in _WARNED and not only_printed(step)


def _escaped(result: PluginResult, location: Location) -> Iterator[Finding]:
    """PC410 for the processes the fork server found in the plugin's ``pids`` cgroup once its
    process ended, when no census of its own named a process: a
    plugin's census is its own word (one that hides its children, or a ``CLONE_PARENT``
    helper that left its group, passed: red team red32; the server's sweep killed them
    unreported)."""
    facts = result.facts
    said = [facts.get("after-shutdown", {}), facts.get("at-exit", {}), facts.get("release", {})]
    if not result.escaped or any(leaks.get(key) for leaks in said for key in _PROCESSES):
        return
    if any(_failed(step) for step in result.steps):
        return  # a failed step is its error already (what it left then may still be at work)
    yield PC410.at(
        result.plugin,
        location,
        "left running when its process ended (found by plugcheck's fork server, not "
        "reported by the plugin's own process): processes "
        + ", ".join(f"`{c}`" for c in result.escaped),
    )
