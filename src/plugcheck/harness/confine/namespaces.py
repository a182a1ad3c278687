"""The namespace fallback where Landlock is missing: user, mount, network and PID namespaces
and a private read-only root."""

from __future__ import annotations

import contextlib
import os
import re
import stat as stat_module
import sys

from . import hidden
from .kernel import _kernel, _prctl
from .landlock import _DEVICES, SYSTEM
from .seccomp import _ARCHES

_CLONE_NEWNS, _CLONE_NEWUSER = 0x00020000, 0x10000000
_CLONE_NEWPID, _CLONE_NEWNET = 0x20000000, 0x40000000
_CLONE_NEWIPC = 0x08000000
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC, _MS_REMOUNT = 1, 2, 4, 8, 32
_MS_BIND, _MS_REC, _MS_PRIVATE = 4096, 1 << 14, 1 << 18
_MS_KEPT = {1024: 1024, 2048: 2048, 4096: 1 << 21, 2: _MS_NOSUID, 4: _MS_NODEV, 8: _MS_NOEXEC}
"""statvfs ``f_flag`` bits -> the mount flags a read-only remount must repeat (noatime,
nodiratime, relatime, nosuid, nodev, noexec): a user namespace may not clear them."""
_MNT_DETACH = 2
_PROC_FLAGS = _MS_NOSUID | _MS_NODEV | _MS_NOEXEC
_ROOTS = ("/tmp", "/mnt", "/var/tmp", "/dev/shm", "/srv")
"""Directories the private root is mounted on before ``pivot_root`` (the first that exists;
only a mount point in this process's own mount namespace, never written)."""


PID_MAX = 557
"""The launched program's PID namespace numbers its processes below this (its
``/proc/sys/kernel/pid_max``): at most 556 processes and threads alive at once, the first
process and the program included (the kernel reserves 1-300 once the numbers wrap round, and
refuses a ``pid_max`` below 301, so this is the sandbox's budget of 256 new tasks over that).
As root ``RLIMIT_NPROC`` binds nothing, and an exec plugin started 600 processes at once (red
team sand17); an exponential fork bomb would have taken the machine's process table."""
_PID_MAX_OWN = (6, 14)
"""The kernel from which ``pid_max`` belongs to each PID namespace. Before it the value is the
machine's, which real root writes without a capability (a sysctl checks the file's mode only):
it is never written there."""


def _bounded_pids() -> bool:
    """(the first process of a PID namespace of its own) Lower this namespace's ``pid_max`` to
    :data:`PID_MAX`; False where the kernel's ``pid_max`` is not the namespace's own, or the
    write is refused (the launched program then has no bound on its processes as root)."""
    release = re.match(r"(\d+)\.(\d+)", os.uname().release)
    if release is None or (int(release[1]), int(release[2])) < _PID_MAX_OWN:
        return False
    try:
        fd = os.open("/proc/sys/kernel/pid_max", os.O_WRONLY)
    except OSError:
        return False
    try:
        return os.write(fd, str(PID_MAX).encode()) > 0
    except OSError:
        return False
    finally:
        os.close(fd)


def _ns_call(name: str, *args: object) -> int:
    if not _LIBC:  # loaded once (in the server): a child's calls then cost microseconds
        import ctypes

        _LIBC.append(ctypes.CDLL(None, use_errno=True))
    return int(getattr(_LIBC[0], name)(*args))


_LIBC: list[object] = []


def _mount(
    source: bytes | None, target: str, kind: bytes | None, flags: int, data: bytes | None
) -> bool:
    return _ns_call("mount", source, target.encode(), kind, flags, data) == 0


def enter_namespaces(*, pid: bool, net: bool = True, status: int = -1) -> list[str]:
    """Move this single-threaded process into a new user and mount namespace (its uid and gid
    mapped to themselves, every mount private), with ``net`` a network namespace (no network
    but a loopback device that is down) and, with ``pid``, make it the first process of a new
    PID namespace: it forks, the child (PID 1 there) returns and the parent only waits for it
    (:func:`_relay`: ``status`` is the read end of a pipe on which the child may say which
    signal ended what it ran) and exits as it did. What is in force: ``net-namespace``,
    ``pid-namespace``; empty (nothing changed) where the kernel or its configuration refuses
    it, which a forked probe finds out first."""
    if not sys.platform.startswith("linux"):
        return []
    probed = _probe(pid=pid)
    if probed < 1 or not _unshare(net=net):
        return []
    found = ["net-namespace"] if net else []
    if probed < 2 or _ns_call("unshare", _CLONE_NEWPID) != 0:
        return found
    child = os.fork()
    if child:  # the parent stays outside: it only relays how the server ended
        _relay(child, status, -1)
    _prctl(1, 9)  # PR_SET_PDEATHSIG SIGKILL: gone with the parent plugcheck started
    return [*found, "pid-namespace"]


def own_proc() -> bool:
    """(the first process of a PID namespace of its own, with Landlock, which keeps the real
    root) Mount a fresh ``/proc`` over ``/proc``: it lists only this PID namespace, so the
    machine's other processes, and their ``cmdline`` and ``status`` that no ptrace check guards
    (a token on another job's command line), are not there. Before any read rule is opened:
    Landlock's rule for ``/proc`` must be this one's. The fallback's :func:`private_root` mounts
    its own. False where the kernel refuses it (every process stays listed)."""
    return _mount(b"proc", "/proc", b"proc", _PROC_FLAGS, None)


_STOPS = ("SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT")


def _fork_program(report: int) -> None:
    """(the first process of a PID namespace) Fork the process that goes on to run the program
    (PID 2; it returns), and relay its end here (:func:`_relay`, never returns). The stop
    signals are caught before the fork: the kernel drops a signal sent from outside to a PID
    namespace's first process unless that process handles it, so a stop sent while the program
    already ran but this process had not yet set its handlers was lost (the program ran on
    until the grace period ended and was killed; seen once under load, ci8). One that arrives
    before the child's pid is known is passed on once it is; the child puts back what it
    inherited and acts on one it caught as the default would."""
    import signal

    me = os.getpid()
    target: list[int] = []
    pending: list[int] = []

    def early(number: int, _frame: object) -> None:
        if os.getpid() != me:  # the child, before it put back its handlers
            signal.signal(number, signal.SIG_DFL)
            os.kill(os.getpid(), number)
        elif target:
            with contextlib.suppress(OSError):
                os.kill(target[0], number)
        else:
            pending.append(number)

    numbers = [getattr(signal, name) for name in _STOPS]
    inherited = {number: signal.signal(number, early) for number in numbers}
    child = os.fork()
    if child:
        target.append(child)
        for number in pending:
            with contextlib.suppress(OSError):
                os.kill(child, number)
        _relay(child, -1, report)
    for number, handler in inherited.items():
        signal.signal(number, handler if handler is not None else signal.SIG_DFL)


def _relay(child: int, status: int, report: int) -> None:
    """Wait for ``child``, passing on the signals a parent sends to stop it (SIGTERM, SIGINT,
    SIGHUP, SIGQUIT), then exit as it did. A first process of a PID namespace cannot end itself
    with a signal: it writes the signal's number on ``report`` instead, and the relay outside,
    reading ``status``, ends with it. Never returns."""
    import signal

    def forward(number: int, _frame: object) -> None:
        with contextlib.suppress(OSError):
            os.kill(child, number)

    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(number, forward)
    keep = {0, 1, 2, status, report}
    for fd in range(3, 1 << 10):
        if fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)
    _, ended = os.waitpid(child, 0)
    code, sig = os.WEXITSTATUS(ended) if os.WIFEXITED(ended) else 1, 0
    if os.WIFSIGNALED(ended):
        sig = os.WTERMSIG(ended)
    elif status >= 0:
        with contextlib.suppress(OSError, ValueError):
            sig = int(os.read(status, 8) or b"0")
    if sig and report >= 0:
        os.write(report, str(sig).encode())
    elif sig:
        with contextlib.suppress(OSError, ValueError):  # SIGKILL (RLIMIT_CPU's hard limit)
            signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    os._exit(code)


def _unshare(*, net: bool = True) -> bool:
    uid, gid = os.getuid(), os.getgid()
    try:
        flags = _CLONE_NEWUSER | _CLONE_NEWNS | (_CLONE_NEWNET if net else 0)
        # An IPC namespace of its own: System V segments, semaphores and queues a plugin makes
        # (no seccomp filter refuses them here) go with it instead of outliving the run.
        if _ns_call("unshare", flags | _CLONE_NEWIPC) and _ns_call("unshare", flags):
            return False
        if net:  # whatever follows: the network namespace is this process's own
            OWN_NETWORK.append(os.getpid())
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1")):
            with open(f"/proc/self/{name}", "w") as handle:
                handle.write(text)
        with open("/proc/self/gid_map", "w") as handle:
            handle.write(f"{gid} {gid} 1")
        return _mount(None, "/", None, _MS_REC | _MS_PRIVATE, None)
    except (OSError, AttributeError):
        return False


OWN_NETWORK: list[int] = []
"""Set once this process made the network namespace it is in (inherited by what it forks):
only then is a loopback that is down known to stay down (``plan.network_isolated``)."""


def _fallback(
    readable: list[str], writable: list[str], *, net: bool, landlock: bool = False
) -> list[str]:
    """The launcher's namespace fallback where Landlock is missing: this process goes into
    namespaces of its own, the first process of the PID namespace builds the private root
    (:func:`private_root`) and forks again; it waits (passing on stop signals, :func:`_relay`)
    while its child returns to ``exec`` the program, as PID 2. What is in force
    (``fs-namespace``, ``pid-namespace``, ``net-namespace``); empty when nothing changed; exits
    126 when the root could not be built once inside. With ``landlock`` (a go-plugin server,
    which keeps unix sockets, under Landlock too) a root that cannot be built leaves the real
    one, with a ``/proc`` of its own (as :func:`pid_namespace_of_its_own`), and no
    ``fs-namespace``: Landlock still confines its reads and writes."""
    pipe = os.pipe()
    found = enter_namespaces(pid=True, net=net, status=pipe[0])
    if "pid-namespace" not in found:
        for fd in pipe:
            os.close(fd)
        return []
    os.close(pipe[0])
    _bounded_pids()  # before the private root, whose /proc is read-only
    if private_root(readable, writable):
        found.append("fs-namespace")
    elif not landlock:
        sys.stderr.write("plugcheck-confine: cannot build the private root\n")
        os._exit(126)
    elif not own_proc():
        found.remove("pid-namespace")
    _fork_program(pipe[1])
    os.close(pipe[1])
    return found


def pid_namespace_of_its_own(*, net: bool) -> list[str]:
    """(launcher, with Landlock) Run the program as PID 2 of a PID namespace of its own, under a
    first process that relays its end (:func:`_relay`): when the program ends, that first
    process ends and the kernel kills whatever the program left behind. Before, an exec plugin
    whose daemon left the session (``setsid`` + ``fork``) outlived plugcheck and held its
    stdout open, so every call waited for its deadline. Its ``/proc`` lists only that
    namespace (:func:`own_proc`). What is in force: ``pid-namespace`` only with that ``/proc``
    (where the kernel refuses the mount, every process stays listed: the PID namespace alone
    hides nothing), ``net-namespace``; empty where the kernel refuses namespaces."""
    pipe = os.pipe()
    found = enter_namespaces(pid=True, net=net, status=pipe[0])
    if "pid-namespace" not in found:
        for fd in pipe:
            os.close(fd)
        return found
    os.close(pipe[0])
    if not own_proc():
        found.remove("pid-namespace")
    _bounded_pids()
    _fork_program(pipe[1])
    os.close(pipe[1])
    return found


def _probe(*, pid: bool) -> int:
    """In a forked process: 0 no usable namespaces, 1 user + mount + network (a tmpfs can be
    mounted), 2 also a PID namespace whose first process can build the private root
    (:func:`private_root`)."""
    try:
        child = os.fork()
    except OSError:
        return 0
    if child == 0:
        level = 0
        with contextlib.suppress(BaseException):
            if _unshare():
                if pid and _ns_call("unshare", _CLONE_NEWPID) == 0:
                    inner = os.fork()
                    if inner == 0:
                        os._exit(0 if private_root([], []) else 1)
                    _, status = os.waitpid(inner, 0)
                    level = 2 if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 else 1
                # A tmpfs of its own (the server mounts one per slot), gone with it.
                level = max(level, 1) if _mount(b"tmpfs", "/", b"tmpfs", 0, None) else 0
        os._exit(10 + level)
    _, status = os.waitpid(child, 0)
    return max(0, os.WEXITSTATUS(status) - 10) if os.WIFEXITED(status) else 0


def private_root(readable: list[str], writable: list[str]) -> bool:
    """Replace this process's root (it is the first process of its own user, mount and PID
    namespaces) with a read-only one that holds only :data:`SYSTEM`, ``readable`` (each bound
    read-only from the real file system), ``writable`` (bound as it is), the writable devices and
    a fresh ``/proc`` that shows only this PID namespace: where Landlock is missing, a plugin
    process then reads what Landlock's read rules would let it read and writes only below
    ``writable``. The real home, ``/tmp``, ``/dev/shm``, ``/run``, a checkout's ``.git`` and
    ``.env`` (:mod:`.hidden`) and everything else are not there. All or nothing: False when any
    step failed."""
    base = next((d for d in _ROOTS if os.path.isdir(d) and not os.path.islink(d)), None)
    writable = [os.path.normpath(w) for w in writable]
    # A checkout's .git, .env, the machine's TLS keys: their siblings bound instead
    secrets = hidden.found([*SYSTEM, *readable])
    readable = [p for r in (*SYSTEM, *readable) for p, whole in hidden.grants(r, secrets) if whole]
    here = os.getcwd()
    sources: list[tuple[str, int, str | None]] = []
    try:  # every source is opened before the new root hides any of them
        for path in _tops([p for p in (*_DEVICES, *readable) if p != "/proc"], writable):
            link = os.readlink(path) if os.path.islink(path) else None
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            sources.append((path, fd, link))
        if base is None or set(writable) - {s[0] for s in sources}:
            return False
        if not _mount(b"tmpfs", base, b"tmpfs", _MS_NOSUID, b"mode=0755"):
            return False
        try:  # a readable path where the root's own /proc or /.old go fails here, too
            built = all(_bind(base, *source) for source in sources) and _pivot(base)
        except OSError:
            built = False
        if not built:
            return _undo(base)
    finally:
        for _, fd, _ in sources:
            os.close(fd)
    os.chdir("/")
    if _ns_call("umount2", b"/.old", _MNT_DETACH) != 0:
        return False
    os.rmdir("/.old")
    with contextlib.suppress(OSError):
        os.chdir(here)  # the same path in the new root, where it was bound
    return _read_only(writable)


def _pivot(base: str) -> bool:
    """Mount a fresh ``/proc`` in the new root at ``base`` and make it this process's root, the
    old one at ``/.old``."""
    old = base + "/.old"
    os.mkdir(old)
    os.mkdir(base + "/proc")
    if not _mount(b"proc", base + "/proc", b"proc", _PROC_FLAGS, None):
        return False
    number = _ARCHES.get(os.uname().machine, (0, False, {}))[2].get("pivot_root")
    return number is not None and _kernel().syscall(number, _c_path(base), _c_path(old)) == 0


def _undo(base: str) -> bool:
    """Take the unfinished root off ``base`` (with every mount below it), so that this process
    goes on with the file system as it was: False, for :func:`private_root` to return."""
    _ns_call("umount2", base.encode(), _MNT_DETACH)
    return False


def _c_path(path: str) -> int:
    buffer = _kernel().buffer(path.encode())
    _KEEP.append(buffer)
    return int(_kernel().address(buffer))


_KEEP: list[object] = []


def _tops(paths: list[str], writable: list[str]) -> list[str]:
    """Every path to bind, and the real path of each symbolic link among them (the link is
    made again in the new root), without those below another directory bound whole."""
    wanted: set[str] = set()
    for path in [*paths, *writable]:
        path = os.path.normpath(path)
        wanted.add(path)
        if os.path.islink(path) or os.path.realpath(path) != path:
            wanted.add(os.path.realpath(path))
    tops: list[str] = []
    for path in sorted(wanted):
        if not os.path.lexists(path):
            continue
        if any(path.startswith(top.rstrip("/") + "/") for top in tops):
            continue
        tops.append(path)
    return tops


def _bind(base: str, path: str, fd: int, link: str | None) -> bool:
    """Make ``path`` in the new root at ``base``: the same symbolic link, or a bind mount of
    ``fd`` (its real file or directory, with the mounts below it)."""
    target = base + path
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if link is not None:
        os.symlink(link, target)
        return True
    if stat_module.S_ISDIR(os.fstat(fd).st_mode):
        os.mkdir(target)
    else:
        os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))
    return _mount(f"/proc/self/fd/{fd}".encode(), target, None, _MS_BIND | _MS_REC, None)


def _read_only(writable: list[str]) -> bool:
    """Remount every mount of this namespace read-only but those below ``writable``."""
    keep = [os.path.join(os.path.normpath(w), "") for w in writable]
    try:
        with open("/proc/self/mountinfo", "rb") as handle:
            lines = handle.read().decode("utf-8", "surrogateescape").splitlines()
    except OSError:
        return False
    for line in lines:
        point = _unescape(line.split()[4])
        if any(os.path.join(point, "").startswith(k) for k in keep):
            continue
        try:
            kept = os.statvfs(point).f_flag
        except OSError:
            return False
        flags = sum(flag for bit, flag in _MS_KEPT.items() if kept & bit)
        if not _mount(None, point, None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY | flags, None):
            return False
    return True


def _unescape(field: str) -> str:
    """A mountinfo field with its octal escapes (``\\040`` for a space) decoded."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def hide_siblings(root: str, own: str) -> bool:
    """In a child of the fallback's fork server (it still holds the server's capabilities in
    their user namespace): a mount namespace of its own in which ``root``, the directory every
    child's slot lies in, holds only ``own``, its own slot (a read-only tmpfs over ``root``, the
    slot bound back at the same path). The other plugins' directories are then not there: not
    listed, not read, not written. False when any step failed."""
    if _ns_call("unshare", _CLONE_NEWNS) != 0:
        return False
    try:  # opened in the new namespace: a bind's source must be a mount of the caller's
        fd = os.open(own, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        if not _mount(b"tmpfs", root, b"tmpfs", _MS_NOSUID | _MS_NODEV, b"size=4k,mode=0755"):
            return False
        os.mkdir(own)
        if not _mount(f"/proc/self/fd/{fd}".encode(), own, None, _MS_BIND | _MS_REC, None):
            return False
        return _mount(None, root, None, _MS_REMOUNT | _MS_RDONLY | _MS_NOSUID | _MS_NODEV, None)
    except OSError:
        return False
    finally:
        os.close(fd)
