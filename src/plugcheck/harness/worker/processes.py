"""What this process has running besides its main thread: its child processes, read from
``/proc`` (listed, reaped, described), and its non-daemon threads. Shared by the harness's leak
census and the setup-function worker's (loaded there by path: stdlib only, no relative imports)."""

from __future__ import annotations

import _thread
import os
import sys
import threading
import time

TYPE_CHECKING = False
if TYPE_CHECKING:  # the target interpreter may be 3.8: set[...] only in annotations
    Known = set[tuple[int, int]]
    """Processes by (pid, start time): :func:`known`."""


def non_daemon_threads() -> dict[int, threading.Thread]:
    """The threads the interpreter waits for at exit, by ident (not the main thread).

    What it waits for is its own table, not ``threading.enumerate()``: up to Python 3.12 the
    ``_tstate_lock`` of each such thread in ``threading._shutdown_locks``, from 3.13 the C
    module's handles. A plugin that took its thread out of ``threading._active`` (out of
    ``enumerate()``) or set its ``_daemonic`` after ``start()`` still held the host at exit, and
    passed every census (red team red30: PC410, PC569). Such threads are looked for among the
    interpreter's objects only when its count says some are missing (one ``gc`` walk)."""
    main = threading.main_thread()
    visible = [t for t in threading.enumerate() if t.ident is not None and t is not main]
    locks = getattr(threading, "_shutdown_locks", None)
    if isinstance(locks, set):  # Python <= 3.12: exactly the locks it joins at exit
        waited = {id(lock) for lock in list(locks) if _locked(lock)}
        waited.discard(id(_tstate(main)))
        found = {t.ident: t for t in visible if id(_tstate(t)) in waited}
        if waited - {id(_tstate(t)) for t in found.values()}:
            found.update(
                (t.ident, t)
                for t in _every_thread()
                if t.ident is not None and t is not main and id(_tstate(t)) in waited
            )
        return {k: t for k, t in found.items() if k is not None}
    found = {t.ident: t for t in visible if not _daemon(t)}
    count = getattr(_thread, "_count", None)
    if count is not None and count() > len(visible):  # some thread is out of enumerate()
        known = {t.ident for t in visible}
        found.update(
            (t.ident, t)
            for t in _every_thread()
            if t.ident is not None
            and t.ident not in known
            and t is not main
            and not _daemon(t)
            and threading.Thread.is_alive(t)
        )
    return {k: t for k, t in found.items() if k is not None}


def _tstate(thread: threading.Thread) -> object:
    return vars(thread).get("_tstate_lock")


def _locked(lock: object) -> bool:
    try:
        return bool(lock.locked())  # type: ignore[attr-defined]
    except BaseException:
        return True  # the interpreter acquires it all the same


def _daemon(thread: threading.Thread) -> bool:
    """``thread``'s daemon flag, through ``Thread``'s own property (not a subclass's)."""
    try:
        return bool(threading.Thread.__dict__["daemon"].__get__(thread))
    except BaseException:
        return False


def _every_thread() -> list[threading.Thread]:
    """Every ``Thread`` the collector tracks (a thread taken out of ``threading._active``)."""
    import gc

    return [o for o in gc.get_objects() if isinstance(o, threading.Thread)]


def thread_name(thread: threading.Thread) -> str:
    """``thread``'s name, read through ``Thread``'s own property (not a plugin's override)."""
    try:
        name = threading.Thread.__dict__["name"].__get__(thread)
    except BaseException:
        return "?"
    return name[:80] if isinstance(name, str) else "?"


def pooled(thread: threading.Thread) -> bool:
    """Whether ``thread`` is a ``ThreadPoolExecutor``'s worker: the interpreter's exit wakes and
    ends it (``concurrent.futures``' exit callback) once its work is done, so an executor kept
    for a plugin's life leaks nothing when ``shutdown()`` returns; only the exit judges it."""
    module = sys.modules.get("concurrent.futures.thread")
    workers = getattr(module, "_threads_queues", None) if module is not None else None
    try:
        return workers is not None and thread in workers
    except BaseException:  # a plugin's replacement of the registry: judged as any thread
        return False


_waitid = os.waitid if hasattr(os, "waitid") else None  # bound before any plugin code runs
_ALL = 0x40000000 if sys.platform.startswith("linux") else 0
"""Linux's ``__WALL``: wait for every child, also one whose exit signal is not ``SIGCHLD``."""
_ANY_CHILD = os.WEXITED | os.WNOHANG | os.WNOWAIT | _ALL if _ALL and _waitid is not None else 0


def childless() -> bool:
    """Whether this process has no child at all (running, stopped or a zombie, of any thread,
    whatever its exit signal): the kernel's own answer, without ``/proc``. Listing
    ``/proc/self/task`` makes a dentry per thread that the kernel tears down when the process
    is reaped: about 1.4 ms of the reaper's system time per process with a second thread (the
    harness child's stack receiver), most of the fork server's time in a run of trivial
    plugins (task harn46). ``False`` where it cannot tell."""
    if not _ANY_CHILD or _waitid is None:
        return False
    try:
        _waitid(os.P_ALL, 0, _ANY_CHILD)
    except ChildProcessError:
        return True
    except OSError:  # an older kernel refusing __WALL: look in /proc
        return False
    return False


def children() -> set[int]:
    """The pids of this process's children (of every thread); empty without ``/proc``."""
    pids: set[int] = set()
    if childless():
        return pids
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


def descendants() -> set[int]:
    """The pids of this process's children and of theirs, down the tree (as far as ``/proc``
    shows it): a process an earlier step's child made is not this process's child until its
    parent ends and it comes back to this one, the subreaper."""
    found = children()
    todo = list(found)
    while todo:
        pid = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    more = {int(p) for p in handle.read().split()} - found
            except (OSError, ValueError):
                continue
            found |= more
            todo.extend(more)
    return found


def known(pids: set[int]) -> Known:
    """``pids`` as the processes they are now: (pid, start time), for a census to compare a
    later one with (:func:`unknown`). The kernel hands a pid out again once its process is
    reaped (after ``pid_max`` others, fewer in a PID namespace of few processes; a thread
    takes one too), so by its pid alone a process started later was one counted before: one
    left running under the pid of one that ended was no leak."""
    return {(pid, _started(pid)) for pid in pids}


def unknown(pids: set[int], census: Known) -> set[int]:
    """Those of ``pids`` that are no process of ``census``: new since, under a new pid or an
    old one."""
    return {pid for pid in pids if (pid, _started(pid)) not in census}


def _started(pid: int) -> int:
    """When ``pid`` started, in clock ticks since boot (``/proc/<pid>/stat``, field 22; a
    zombie keeps it); -1 where it cannot be read (ended, no ``/proc``: the pid alone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return int(handle.read().rpartition(b")")[2].split()[19])
    except (OSError, IndexError, ValueError):
        return -1


def running(pids: set[int]) -> set[int]:
    """Those of ``pids`` still running; an ended one is reaped, as its parent would."""
    alive = set()
    for pid in pids:
        try:  # __WALL: a child made by clone() with another exit signal than SIGCHLD as well
            done, _ = os.waitpid(pid, os.WNOHANG | _ALL)
        except ChildProcessError:
            continue
        if done == 0:
            alive.add(pid)
    return alive


def strays() -> set[int]:
    """Running processes made as this process's parent's children in its process group:
    ``clone`` with ``CLONE_PARENT`` (which only the seccomp filter refuses) puts a process
    outside this one's tree, where no census of its looks (a child of this one, orphaned,
    comes back to this process, the subreaper, instead). Before, such a helper passed where
    no seccomp filter was in force (red team red31)."""
    me, found = os.getpid(), set[int]()
    try:
        tasks = os.listdir(f"/proc/{os.getppid()}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{os.getppid()}/task/{task}/children") as handle:
                found.update(int(p) for p in handle.read().split())
        except (OSError, ValueError):
            continue
    return {pid for pid in found if pid != me and process_group(pid) == os.getpgrp()}


def process_group(pid: int) -> int | None:
    """The process group of running process ``pid`` (``None``: ended, a zombie, unreadable)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rpartition(b")")[2].split()
        return None if fields[0] in (b"Z", b"X") else int(fields[2])
    except (OSError, IndexError, ValueError):
        return None


def command(pid: int) -> str:
    """A child's command line (its pid varies from run to run; the command does not)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            argv = handle.read().split(b"\0")
    except OSError:
        return "a process"
    return " ".join(a.decode("utf-8", "replace") for a in argv if a)[:120] or "a process"


def left_running(
    threads_before: set[int] | None, children_before: Known, wait: float, cap: float
) -> tuple[dict[int, threading.Thread], set[int]]:
    """The non-daemon threads and child processes started since the ``*_before`` censuses that still
    run once they had ``wait`` seconds to end, or up to ``cap`` seconds while one of them is
    still working (runnable, or gaining CPU time): on a loaded machine a thread finishing its
    last piece of work takes longer than ``wait``, and was a false "never ends" (red team red27);
    one asleep in a wait nobody ends is judged at ``wait``. ``threads_before`` ``None``: the
    processes only."""
    start = time.monotonic()
    work = -1
    while True:
        threads = {}
        if threads_before is not None:
            threads = {k: t for k, t in non_daemon_threads().items() if k not in threads_before}
        alive = running(unknown(children(), children_before))
        spent = time.monotonic() - start
        if (not threads and not alive) or spent >= cap:
            return threads, alive
        if spent >= wait:
            tasks = [f"self/task/{t.native_id}" for t in threads.values() if t.native_id]
            now = cpu_ticks([*tasks, *(str(p) for p in alive)])
            if now is not None and now == work:
                return threads, alive  # asleep since the last look: waiting on nothing that ends
            work = now if now is not None else work
            time.sleep(0.1)
        else:
            time.sleep(0.01)


def cpu_ticks(tasks: list[str]) -> int | None:
    """CPU ticks the ``/proc/<task>`` entries used so far, or ``None`` while one is runnable
    (on a CPU or waiting for one): work still going on."""
    total = 0
    for task in tasks:
        try:
            with open(f"/proc/{task}/stat", "rb") as handle:
                fields = handle.read().rpartition(b")")[2].split()
        except OSError:
            continue  # ended meanwhile, or no /proc: judged by the time alone
        if fields[:1] == [b"R"]:
            return None
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total
