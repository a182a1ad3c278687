"""Isolating a forked child before its plugin runs: its own process group and temp dir,
captured output, scrubbed descriptors, rlimits (soft = hard), and the confinement prepared once
in the server (``harness/confine``)."""

from __future__ import annotations

import _thread
import builtins
import contextlib
import faulthandler
import importlib.util as _util  # bound here: the server drops importlib.util (worker_only)
import mmap
import os
import signal
import sys

from . import pids_cgroup, startup, stdlib_first
from .audit import STATE, plugin_frame
from .census import SPARE
from .child import Child
from .constants import HARNESS_EXIT, LOST_EXIT, NOFILE
from .package_path import join_package_path
from .quota import audit_fork_exec, proc_pid
from .reserve import RESERVE
from .stdout import StdoutRecorder, through_recorder

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from typing import Any

    Msg = dict[str, Any]

_type = type
_getattr = getattr
_hasattr = hasattr
_exit_now = os._exit


def _limit(name: str, value: int) -> None:
    """Soft and hard limit both ``value`` (``confine.set_limit``, as for every plugin process)."""
    if _CONFINE:
        _CONFINE[0].set_limit(name, value)
    else:  # pragma: no cover - the confine package beside the worker could not be loaded
        os.write(2, b"plugcheck harness: cannot set this plugin process's limits\n")
        _exit_now(HARNESS_EXIT)


def child_main(fd: int, tmp: str, request: Msg, setup: Msg, shared: mmap.mmap) -> None:
    """In the forked child: isolate, then drive the plugin. Never returns."""
    os.setpgid(0, 0)
    for proc in _PROC:  # before any descriptor moves (closed with the rest below)
        _CONFINE[0].oom_first(proc)  # _PROC holds one only where confine was loaded
    # PR_SET_PDEATHSIG: if the server dies (plugcheck interrupted), so does this child.
    if _prctl(1, signal.SIGKILL) and os.getppid() != setup["server_pid"]:
        _exit_now(0)  # it died before we asked
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE, signal.SIGCHLD):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    os.dup2(fd, 3)
    low = 4
    # The read rules' descriptors, until confined; the cgroups' folders, until it is in them.
    for kept in sorted({*(_PLAN[0].fds() if _PLAN else ()), *pids_cgroup.held()}):
        os.closerange(low, kept)
        low = kept + 1
    os.closerange(low, 1 << 16)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    for target, name in ((1, "stdout"), (2, "stderr")):
        out = os.open(os.path.join(tmp, name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, target)
        os.close(out)
    child = Child(3, request)
    child.out_fd = os.open(os.path.join(tmp, "stdout"), os.O_RDONLY)
    child.fault_fd = os.open(
        os.path.join(tmp, "fault"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600
    )
    faulthandler.enable(file=child.fault_fd, all_threads=True)
    faulthandler.register(signal.SIGUSR1, file=child.fault_fd, all_threads=True)
    _stack_receiver()
    child.channel.shared = shared
    home = os.path.join(tmp, "home")
    os.mkdir(home)
    os.chdir(home)
    # The server's environment is already scrubbed to the contract's allowlist.
    os.environ["HOME"] = os.environ["TMPDIR"] = home
    if "tempfile" in sys.modules:  # imported by the API: forget the server's temp dir
        setattr(sys.modules["tempfile"], "tempdir", None)  # noqa: B010 - untyped on purpose
    limits = setup["limits"]
    RESERVE.take()  # inside the limit below: the plugin gets the rest
    _limit("RLIMIT_AS", limits["address_space"])
    _limit("RLIMIT_CPU", max(1, int(limits["cpu_seconds"])))
    _limit("RLIMIT_FSIZE", limits["file_size"])
    _limit("RLIMIT_CORE", 0)
    _limit("RLIMIT_NOFILE", NOFILE)
    # No real-time scheduling, no nice value below the current: a CI runner's raised limits
    # (ulimit -r, -e) would let a plugin starve the server and the machine (red team sand17).
    _limit("RLIMIT_RTPRIO", 0)
    _limit("RLIMIT_NICE", 0)
    if os.getuid() != 0 and limits.get("processes"):
        _limit("RLIMIT_NPROC", limits["processes"])
    SPARE.take()
    # Threads and processes together, as root too: a pids cgroup of its own where the server
    # could make one (pids_cgroup), before any plugin code and before Landlock.
    pids_cgroup.enter(request.get("pids_cgroup"))
    # Its processes' memory together (cells.py); and the kernel's first choice when memory
    # runs out there or on the machine, not the zygote beside it nor another job.
    pids_cgroup.enter(request.get("memory_cgroup"))
    pids_cgroup.enter(request.get("cpu_cgroup"))  # its processes weigh as one on the processors
    pids_cgroup.release()
    if _CONFINE:
        _CONFINE[0].oom_first()
    # Orphaned descendants (a setsid + fork chain) come back to this child while it lives, and
    # to the server (which kills them) once it is gone.
    subreaper()
    if _ROOT and not _CONFINE[0].hide_siblings(_ROOT[0], os.path.dirname(tmp)):
        os.write(2, b"plugcheck harness: cannot hide the other plugins' directories\n")
        _exit_now(HARNESS_EXIT)
    if _PLAN:  # after the rlimits (the filter refuses setrlimit) and every set-up write
        plan = _PLAN[0]
        if plan.apply([tmp]) != plan.mechanisms():
            # The report says what confined every plugin: never run one with less.
            os.write(2, b"plugcheck harness: cannot confine this plugin process\n")
            _exit_now(HARNESS_EXIT)
    # The environment's start-up code (.pth lines, sitecustomize), as the host's interpreter
    # ran it before the host: here once confined, never in the server (red team finding 6).
    if setup.get("pth_lines"):
        startup.run(setup["pth_lines"])
        hooks, warmed = setup["warmed"]
        if sys.path_hooks != hooks:  # a path hook of a .pth line: search as if never warmed
            for entry in warmed:
                sys.path_importer_cache.pop(entry, None)
        STATE.snapshot = (dict(builtins.__dict__), dict(sys.modules))
    for entry in reversed(request.get("path", [])):  # the plugin's own root first, as hosts do
        if entry in sys.path:
            sys.path.remove(entry)
        sys.path.insert(0, entry)
    join_package_path(request["module"], request.get("path", []), request.get("package_dirs", []))
    stdlib_first.own(request["module"])
    STATE.roots = tuple(r if r.endswith(".py") else os.path.join(r, "") for r in request["roots"])
    STATE.home = home
    STATE.quota = mmap.mmap(-1, 8)
    STATE.root_pid = proc_pid()
    stream = sys.stdout if sys.stdout is not None else open(1, "w", closefd=False)  # noqa: SIM115
    child.recorder = StdoutRecorder(
        stream,
        open(2, "w", closefd=False),  # noqa: SIM115
        lambda where: child.send(
            {"t": "facts", "step": child.current, "facts": {"stdout_at": where}}
        ),
    )
    through_recorder(stream, child.recorder)

    def recording_exit(status: int) -> None:
        # os._exit skips every handler: note where the plugin called it, then do it.
        child.send({"t": "exit", "where": plugin_frame(sys._getframe(1)), "status": status})
        _exit_now(status)

    os._exit = recording_exit  # type: ignore[assignment]
    _audited_memfd()
    audit_fork_exec()
    sys.stdout = child.recorder
    code = 0
    try:
        child.run()
    except BaseException:  # a failure of the harness itself
        RESERVE.release()  # perhaps memory the plugin took: room to say so
        code = HARNESS_EXIT
        try:
            import traceback

            traceback.print_exc()
        except BaseException:
            pass
    with contextlib.suppress(BaseException):
        child.recorder._stream.flush()
    _exit_now(LOST_EXIT if child.channel.lost and code == 0 else code)


def _stack_receiver() -> None:
    """A thread that only waits, with ``SIGUSR1`` unblocked: the kernel hands a signal sent to
    the process to the main thread unless that thread blocks it, then to another thread that
    does not, and faulthandler's handler dumps every thread from whichever thread runs it. A
    plugin can block signals only in the threads it runs in (``pthread_sigmask``), so the
    server's request for the stacks of a step past its deadline still finds a taker. Before,
    a plugin that blocked ``SIGUSR1`` and hung was a timeout without its "stuck at" location
    (red team sand15, ``sigmask_hang``). Started with ``_thread``: it is not in
    ``threading.enumerate()`` (the leak census, a plugin's own count of its threads)."""
    previous = _thread.stack_size(1 << 18)  # its virtual stack counts against RLIMIT_AS
    try:
        _thread.start_new_thread(_wait_forever, ())
    except RuntimeError:  # no thread: the main thread alone takes the signal, as before
        pass
    finally:
        _thread.stack_size(previous)


def _wait_forever() -> None:
    lock = _thread.allocate_lock()
    lock.acquire()
    lock.acquire()


def _audited_memfd() -> None:
    """``os.memfd_create`` raising an audit event first (it has none), so that the seccomp
    filter's refusal of it is named as the sandbox's (PC420), not the plugin's failure."""
    real = getattr(os, "memfd_create", None)
    if real is None:
        return

    def memfd_create(*args: Any, **kwargs: Any) -> int:
        sys.audit("os.memfd_create", *args)
        return int(real(*args, **kwargs))

    os.memfd_create = memfd_create


_LIBC: list[Any] = []


def _prctl(option: int, value: int) -> bool:
    """Linux's prctl(2) through ctypes (loaded once, in the server); False where unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        if not _LIBC:
            import ctypes

            _LIBC.append(ctypes.CDLL(None, use_errno=True))
        return bool(_LIBC[0].prctl(option, value, 0, 0, 0) == 0)
    except Exception:
        return False


_PLAN: list[Any] = []
"""The confinement every child applies (confine.Plan), prepared once in the server."""


def load_confine() -> Any:
    """The package ``harness/confine``, loaded by path (the worker is stdlib only and not a
    package of plugcheck's in the target)."""
    if _CONFINE:
        return _CONFINE[0]
    package = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "confine")
    spec = _util.spec_from_file_location(
        "_plugcheck_confine", f"{package}/__init__.py", submodule_search_locations=[package]
    )
    if spec is None or spec.loader is None:
        return None
    confine = _util.module_from_spec(spec)
    sys.modules[spec.name] = confine  # its modules import each other relatively
    spec.loader.exec_module(confine)
    _CONFINE.append(confine)
    return confine


_CONFINE: list[Any] = []


def prepare_confinement(setup: Msg, slots: list[str], root: str) -> list[str]:
    """Make this server undumpable and prepare the children's confinement (unless the setup
    says ``"confine": false``): the mechanisms each child will apply. With ``slots`` (the
    directories children's directories go to), the read rules are built into one Landlock layer
    per slot here, once, instead of in every child. Without Landlock, and with ``root`` (the
    directory the slots lie in; this server is the first process of its own PID namespace),
    the namespace fallback: this server and its children get a read-only root of their own
    holding only what a plugin may read, and ``root`` writable (``fs-namespace``)."""
    confine = load_confine()
    if confine is None:
        return []
    # Children (and the plugin) cannot read this process's /proc/<pid>/fd, mem or environ.
    confine.undumpable()
    if not setup.get("confine", True):
        return []
    paths = readable(setup)
    plan = confine.Plan(tcp_listen=False, unix=False, readable=paths)
    plan.prebuild(slots)
    _PLAN.append(plan)
    found = list(plan.mechanisms())
    if root and not plan.landlock:  # its /proc is read-only: this one, for oom_score_adj
        _PROC.append(os.open("/proc", os.O_RDONLY | os.O_DIRECTORY))
    if root and not plan.landlock and confine.private_root(paths, [root]):
        found.append("fs-namespace")
        _ROOT.append(root)  # each child then hides the other children's slots
    return found


_ROOT: list[str] = []
"""With the namespace fallback: the writable root every child's slot lies in."""
_PROC: list[int] = []
"""With the namespace fallback: a descriptor of the ``/proc`` from before its root, whose
``self/oom_score_adj`` each child raises (its own ``/proc`` is read-only there). Before, the
fallback's plugin processes kept 0, as their zygote: the kernel's choice when their memory
cgroup or the machine ran short was then the largest process, the zygote as likely as a
plugin's (red team red55)."""


def readable(setup: Msg) -> list[str]:
    """What a plugin may read (besides the system's files, ``confine.SYSTEM``): what plugcheck
    names (the host's directory, its search path, the plugins' roots), this Python's prefixes,
    ``sys.path``, and wherever the modules loaded so far and editable installs' finders point
    (an editable install's sources are outside ``sys.path``). Runs in the server, before any
    plugin code."""
    prefixes = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]
    own = [*setup.get("readable", []), *prefixes, *startup.site_dirs(sys.path)]
    paths = [*own, *(p for p in sys.path if p)]
    paths.append(os.path.dirname(os.path.realpath(sys.executable)))
    for module in list(sys.modules.values()):
        where = _getattr(module, "__file__", None)
        if isinstance(where, str):
            paths.append(os.path.dirname(where))
        with contextlib.suppress(Exception):
            paths += [p for p in _getattr(module, "__path__", ()) if isinstance(p, str)]
    paths += startup.finder_paths(sys.path)  # installed by a .pth line, in the child
    for finder in sys.meta_path:  # setuptools' editable finder: {top-level name: its path}
        owner = sys.modules.get(_getattr(_type(finder), "__module__", ""))
        mapping = _getattr(owner, "MAPPING", None)
        if isinstance(mapping, dict):
            paths += [p for p in mapping.values() if isinstance(p, str)]
    # Not a folder only an installed distribution names (a `.pth` path line, an editable
    # finder) outside those: a plugin's `.pth` naming a home made its files readable.
    return sorted(set(startup.unclaimed(paths, startup.claimed(sys.path), own)))


def subreaper() -> bool:
    """Become the parent of every orphaned descendant (PR_SET_CHILD_SUBREAPER)."""
    return _prctl(36, 1)


def setup_confines(setup: Msg) -> bool:
    """Whether plugcheck asked for confinement (everything but ``--no-confinement``)."""
    return bool(setup.get("confine", True))
