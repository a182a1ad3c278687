"""PC420: a step stopped by plugcheck's sandbox, not by the plugin. The harness confines every
plugin process (Landlock, seccomp, no capabilities, a process quota, rlimits), and a plugin that
needs what it refuses (an optional config in ``/etc``, a local server's port, multiprocessing's
semaphores, more processes at once than the quota) fails there although the host would have let
it: reporting that as the plugin's failure in the host (PC401, PC405, ...) is a false error. The
worker names the refusal (``harness/worker/refusal.py``); a file is the sandbox's refusal only
when plugcheck's own process (unconfined, the host's user) may do what was refused."""

from __future__ import annotations

import os
import re

from plugcheck.harness.results import Refusal, StepResult
from plugcheck.harness.worker.denied import CONNECTING
from plugcheck.model import Finding, Location, Phase, Plugin, Severity
from plugcheck.rules.base import rule

PC420 = rule(
    "PC420",
    "refused-by-sandbox",
    Severity.ERROR,
    "A harness step failed because plugcheck's sandbox refused the plugin something the host "
    "would allow (a file outside what plugin processes may read or write, a socket, more "
    "processes at once than the quota): the plugin is not checked past that step.",
    phase=Phase.DYNAMIC,
    fix="nothing is wrong in the host; to have the rest checked, make what the plugin needs "
    "optional when it is refused (catch PermissionError), or check the plugin where it can "
    "run unconfined (--no-confinement, on a machine you trust it with)",
)


def refused_by_sandbox(step: StepResult) -> Refusal | None:
    """The sandbox's refusal that made ``step`` fail, when the host's user may do what was
    refused (for a file: plugcheck's own process may read it, or write it or its folder)."""
    failure = step.failure
    refusal = failure.refused if failure is not None else None
    return refusal if refusal is not None and host_allows(refusal) else None


def host_allows(refusal: Refusal) -> bool:
    """Whether the host's user may do what the sandbox refused: for a file, plugcheck's own
    process (unconfined) may read it, or write it or its folder; anything else is a limit of
    plugcheck's (a socket, the process quota)."""
    path = refusal.path
    if path is None:
        return True
    path = _own_process(path)
    if refusal.write:
        target = path if os.path.lexists(path) else os.path.dirname(path)
        return os.access(target, os.W_OK)
    return os.access(path, os.R_OK)


_PROC_PID = re.compile(r"/proc/\d+(?=/|$)")


def _own_process(path: str) -> str:
    """``/proc/<pid>/...`` as ``/proc/self/...``: the pid is one of the plugin's PID namespace
    (its parent, the fork server, is 1 there), which names another process, or none, in
    plugcheck's; in the host that process is the host's user's, as plugcheck's own is."""
    return _PROC_PID.sub("/proc/self", path, count=1) if path.startswith("/proc/") else path


def worker_refused(
    plugin: Plugin, refusal: Refusal, described: str, said: str, location: Location
) -> Finding:
    """PC420 for a check of the setup-function worker (pluggy registration, a hook's call, a
    setup function, a plugin class) that failed with the sandbox's refusal (``said``: the
    worker's answer, ``described``: what it was doing)."""
    return PC420.at(plugin, location, _said(described, refusal, said), fix=limit_fix(refusal))


def sandbox_refused(
    plugin: Plugin, step: StepResult, refusal: Refusal, described: str, location: Location
) -> Finding:
    """PC420 for ``step`` (``described``: what the harness was doing, ``init(config)``)."""
    failure = step.failure
    origin = failure.frames[-1] if failure is not None and failure.frames else None
    at = f" at {origin.path.name}:{origin.line}" if origin is not None else ""
    return PC420.at(
        plugin, location, _said(described, refusal, f"{failure}{at}"), fix=limit_fix(refusal)
    )


def _said(described: str, refusal: Refusal, raised: str) -> str:
    """The finding's message: what failed, what the sandbox refused, what the plugin raised,
    and whether the host would have let it. A connection is refused to every address, but the
    host makes it only where a server listens there: without one the host fails the same way
    (yt-dlp-stash's post-processor connects to its Stash server when it is built)."""
    if refusal.what.startswith(CONNECTING):
        return (
            f"{described} failed in plugcheck's sandbox, which allows no connection: the "
            f"sandbox refused {refusal.what} ({raised}); the plugin needs a server listening "
            "there at this step, and in the host it fails the same way wherever none is; "
            "the plugin is not checked past this step"
        )
    allowed = (
        "which the host's user may do"
        if refusal.path is not None
        else "a limit of plugcheck's, not of the host"
    )
    return (
        f"{described} failed in plugcheck's sandbox, not in the host: the sandbox refused "
        f"{refusal.what} ({raised}), {allowed}; the plugin is not checked past this step"
    )


_LIMIT_FIXES = {
    "cpu": "the host sets no CPU limit; plugcheck gives a plugin's process CPU time in "
    "proportion to the step deadline (every thread counted): raise the contract's "
    "lifecycle.deadline to have the rest checked, or make the plugin's work at that step "
    "smaller (a thread per core uses it up fastest)",
    "memory": "the host sets no memory limit; raise the contract's lifecycle.memory (MiB) to "
    "have the rest checked, or make the plugin use less memory at that step",
}


_SERVER_FIX = (
    "run the server the plugin connects to wherever the host runs it (the host fails without "
    "it too), or connect at first use instead of at this step; to have the rest checked, check "
    "the plugin where it may connect (--no-confinement, on a machine you trust it with)"
)


def limit_fix(refusal: Refusal) -> str | None:
    """The fix for a step that passed one of plugcheck's limits (``Refusal.limit``): the contract
    key that raises it; for a connection, the server it needs; ``None`` (the rule's own fix) for
    any other refusal."""
    if refusal.what.startswith(CONNECTING):
        return _SERVER_FIX
    return _LIMIT_FIXES.get(refusal.limit or "")
