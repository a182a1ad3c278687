"""The process quota of a plugin's process tree: at most ``LIMIT`` processes alive at once besides
its first, for every user (root ignores ``RLIMIT_NPROC``). A PEP 578 audit hook counts what the
tree starts (``fork``, ``posix_spawn``, ``subprocess``) in a counter shared by the whole tree;
up to ``LIMIT`` in all nothing more is done, beyond it the tree's living processes are counted
(the first process is a subreaper or the parent of every process it started, so the tree holds
them all) and one more than ``LIMIT`` is refused. A plugin that runs a tool once per item, one
after another, is not refused; a fork loop is, at its 17th living process (red team finding 7).

Used by the harness's audit hook (``audit.py``) and, loaded by path, by the setup-function
worker's children (pluggy registration and hook calls, setup functions, subclass and
plugin-class checks: red team finding 22). Standard library only, no relative imports.
"""

from __future__ import annotations

import mmap
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

LIMIT = 16
"""Processes a plugin's process tree may have alive at once besides its first."""
FORK_EXEC = "_posixsubprocess.fork_exec"
"""The audit event :func:`audit_fork_exec` adds (CPython raises none for it)."""
SPAWNING = frozenset(
    {"os.fork", "os.forkpty", "subprocess.Popen", "os.posix_spawn", "os.spawn", FORK_EXEC}
)


def over(spawned: int, root: int) -> bool:
    """Whether one more process would make more than LIMIT alive at once in the tree of
    ``root``, ``spawned`` processes having been started in it so far (this one included).
    Where the tree cannot be listed, the count in all stands."""
    if spawned <= LIMIT:
        return False
    alive = descendants(root)
    return alive is None or alive + 1 > LIMIT


def descendants(root: int) -> int | None:
    """How many processes below ``root`` are alive (at most a few times LIMIT are counted);
    ``None`` when ``root``'s children cannot be listed (no ``/proc``)."""
    seen: set[int] = set()
    todo = [root]
    while todo and len(seen) <= 4 * LIMIT:
        pid = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            if pid == root:
                return None
            continue  # ended since its parent listed it
        for task in tasks:
            try:
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    found = [int(p) for p in handle.read().split()]
            except (OSError, ValueError):
                if pid == root:
                    return None
                continue
            todo += [p for p in found if p not in seen]
            seen.update(found)
    return len(seen)


def proc_pid() -> int:
    """This process's number as ``/proc`` names it: in a PID namespace of its own (the launcher
    of the setup-function worker) ``/proc`` may still be the machine's, where ``getpid()`` is
    another process."""
    try:
        return int(os.readlink("/proc/self"))
    except (OSError, ValueError):
        return os.getpid()


def audit_fork_exec() -> None:
    """(a plugin's first process, before its plugin runs) ``_posixsubprocess.fork_exec``
    raising an audit event first: ``subprocess.Popen`` raises one of its own, but a direct call
    (``multiprocessing``'s spawn and forkserver start methods make one) started processes the
    quota never counted: 60 ``sleep`` processes alive at once (red team sand17,
    ``fork_exec_loop``). Counted twice through a ``subprocess`` imported after this, which only
    makes the quota count the living processes sooner. Code that gets at the original (a
    fresh copy of the extension module, ``ctypes``) is not counted: see docs/harness.md."""
    try:
        import _posixsubprocess
    except ImportError:  # not POSIX, or not CPython
        return
    real = _posixsubprocess.fork_exec

    def fork_exec(*args: Any, **kwargs: Any) -> int:
        sys.audit(FORK_EXEC)
        return int(real(*args, **kwargs))

    _posixsubprocess.fork_exec = fork_exec


def refused() -> RuntimeError:
    return RuntimeError(
        f"plugcheck: the plugin had more than {LIMIT} processes running at once "
        "(plugcheck's limit, not the host's)"
    )


class Tree:
    """The quota of one process tree at a time (the setup-function worker's child): inactive
    until :meth:`start`, which the tree's first process calls."""

    def __init__(self) -> None:
        self.counter: mmap.mmap | None = None
        self.root = 0
        self.asked: frozenset[str] = frozenset()
        """The audit events that ask the kernel for something ``denied.py`` can name."""
        self.last: tuple[str, Any] = ("", ())
        """The last of those events in this process once started, and its arguments: what the
        kernel refused when an ``OSError`` follows it."""
        self.error: BaseException | None = None
        """The quota's own exception, once raised (told apart from a plugin's same words)."""

    def start(self) -> None:
        self.counter = mmap.mmap(-1, 8)
        self.root = proc_pid()

    def spawned(self) -> int:
        """Processes the tree has started so far (0 before :meth:`start`)."""
        counter = self.counter
        return 0 if counter is None else int.from_bytes(counter[:8], "little")

    def hook(self, event: str, args: tuple[Any, ...]) -> None:
        counter = self.counter
        if counter is None:
            return
        if event in self.asked:
            self.last = (event, args)
        if event not in SPAWNING:
            return
        count = int.from_bytes(counter[:8], "little") + 1
        counter[:8] = count.to_bytes(8, "little")
        if over(count, self.root):
            self.error = refused()
            raise self.error


TREE = Tree()


def install() -> None:
    """Add the audit hook (inactive until ``TREE.start()``); where the interpreter has no
    audit hooks (PyPy, before 3.8) nothing counts."""
    if hasattr(sys, "addaudithook"):
        sys.addaudithook(TREE.hook)
