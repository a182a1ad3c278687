"""What this process has running besides its main thread: its child processes, read from
``/proc`` (listed, reaped, described), and its non-daemon threads. Shared by the harness's leak
census and the setup-function worker's (loaded there by path: stdlib only, no relative imports)."""

from __future__ import annotations

import os
import threading


def non_daemon_threads() -> dict[int, threading.Thread]:
    """The threads the interpreter waits for at exit, by ident (not the main thread)."""
    return {
        t.ident: t
        for t in threading.enumerate()
        if t.ident is not None and not t.daemon and t is not threading.main_thread()
    }


def children() -> set[int]:
    """The pids of this process's children (of every thread); empty without ``/proc``."""
    pids: set[int] = set()
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return pids
    for task in tasks:
        try:
            with open(f"/proc/self/task/{task}/children") as handle:
                pids.update(int(p) for p in handle.read().split())
        except (OSError, ValueError):
            continue
    return pids


def running(pids: set[int]) -> set[int]:
    """Those of ``pids`` still running; an ended one is reaped, as its parent would."""
    alive = set()
    for pid in pids:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        if done == 0:
            alive.add(pid)
    return alive


def command(pid: int) -> str:
    """A child's command line (its pid varies from run to run; the command does not)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            argv = handle.read().split(b"\0")
    except OSError:
        return "a process"
    return " ".join(a.decode("utf-8", "replace") for a in argv if a)[:120] or "a process"
