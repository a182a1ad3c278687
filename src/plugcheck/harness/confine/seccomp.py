"""The seccomp filter (linux/seccomp.h, linux/filter.h): a BPF program built once per plan."""

from __future__ import annotations

import struct

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ctypes
    from collections.abc import Callable

_LD_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
_JEQ = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_JGE = 0x35
_JSET = 0x45
_AND = 0x54  # BPF_ALU | BPF_AND | BPF_K
_RET = 0x06
_ALLOW = 0x7FFF0000
_ERRNO = 0x00050000
_EPERM, _EACCES, _ENOSYS = 1, 13, 38
_NR, _ARCH = 0, 4


def _arg(n: int, high: bool = False) -> int:
    return 16 + 8 * n + (4 if high else 0)  # struct seccomp_data, little endian


_AF_UNIX, _AF_INET, _AF_INET6 = 1, 2, 10
_SOCK_STREAM, _SOCK_DGRAM = 1, 2
_IPPROTO_TCP, _IPPROTO_UDP = 6, 17
_NAMESPACES = 0x7E020000
"""CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET."""
_CLONE_PARENT = 0x8000
"""A process made as its maker's sibling (its parent's child): outside the plugin's own tree,
where no leak census of the plugin's process looks and no subreaper of it catches it. In the
host it outlives the host (the shell or CI runner that started the host is its parent); under
plugcheck it passed (no PC410, no PC569: red team red30, ``clone_parent``). The process is
killed (``SIGSYS``, no handler can take it), which the harness names as the sandbox's refusal
(PC420): an ``EPERM`` a plugin ignores would leave the leak unseen and the plugin passing."""
_KILL_PROCESS = 0x80000000

SELF = 0xFFFFFFFF
"""Stands for the confined process's own pid in :data:`_SELF_ONLY`'s comparisons until
:func:`with_own_pid` writes it in (in the process, just before the filter is applied). Left
unwritten it allows only pid -1, which names no process for these calls."""

_SELF_ONLY = (
    ("setpriority", 1),
    ("ioprio_set", 1),
    ("sched_setscheduler", 0),
    ("sched_setparam", 0),
    ("sched_setattr", 0),
    ("sched_setaffinity", 0),
)
"""(syscall, which argument is the pid): allowed only on the calling process (0 or its own
pid); ``setpriority``'s and ``ioprio_set``'s per-user form (``PRIO_USER``, ``IOPRIO_WHO_USER``)
never. The kernel asks only that the target have the same user, which every plugin process of
a run has: a plugin put its sibling plugins and the fork server on ``SCHED_IDLE``, nice 19, the
idle I/O class or one CPU (their steps then time out under load: false errors for them), and
where there is no PID namespace of plugcheck's own, every process of the user on the machine,
plugcheck and the CI job included (red team sand17, ``confined_sched_siblings``)."""
_PER_USER = {"setpriority": 2, "ioprio_set": 3}
"""PRIO_USER, IOPRIO_WHO_USER: every process of a user, never the caller alone."""

_SOL_SOCKET = 1
_BUFFER_SIZES = (7, 8, 32, 33)
"""SO_SNDBUF, SO_RCVBUF, SO_SNDBUFFORCE, SO_RCVBUFFORCE: ``setsockopt`` of these returns 0 and
changes nothing (the socket keeps the system's default). The kernel's socket buffers are not
in ``RLIMIT_AS``: with ``SO_SNDBUF`` at ``net.core.wmem_max`` (4 MiB here, doubled), a plugin
held 412 MiB of the machine's memory in 27 socket pairs within 0.7 s, and 512 pairs of
``RLIMIT_NOFILE`` reach 8 GiB (red team sand17, ``confined_socket_buffers``). Ignored rather
than refused: a plugin that asks for a larger buffer works on with the default, as it would
on a host whose ``wmem_max`` is small."""

_BY_ARGUMENT = (
    "socket",
    "clone",
    "clone3",
    "prlimit64",
    "prctl",
    "setsockopt",
    *(name for name, _ in _SELF_ONLY),
)
"""Filtered by their arguments; every other syscall in an architecture's table below is
refused with EPERM whatever its arguments (ptrace, process_vm_*, namespaces, mounts, bpf,
perf_event_open, userfaultfd, the keyring, setrlimit, modules, file handles, io_uring;
``memfd_create``, System V shared memory, semaphores and message queues and POSIX message
queues: memory that ``RLIMIT_AS`` does not count while unmapped, each file up to
``RLIMIT_FSIZE``, and System V segments that outlive the process (red team sand15: 40
memfds held 640 MiB under a 1 GiB limit; four ``shmget`` segments of 16 MiB stayed on the
machine after the run, readable by id by any process of the user))."""
_PR_SET_CHILD_SUBREAPER = 36
"""prctl(PR_SET_CHILD_SUBREAPER, 0) is refused: a plugin's first process is a subreaper so
that a daemon it leaves (``setsid`` + ``fork``) is reparented to it, where the leak census
sees it; giving that up sent the daemon past it, unseen (PC410 missed, red team sand15)."""

_COMMON = {
    # Numbered alike on every architecture (Linux 5.1 onwards).
    "io_uring_setup": 425,
    "open_tree": 428,
    "move_mount": 429,
    "fsopen": 430,
    "fsconfig": 431,
    "fsmount": 432,
    "fspick": 433,
    "clone3": 435,
    "pidfd_getfd": 438,
    "process_madvise": 440,
    "mount_setattr": 442,
}
_ARCHES: dict[str, tuple[int, bool, dict[str, int]]] = {
    # machine: (AUDIT_ARCH_*, has the x32 bit, syscall numbers)
    "x86_64": (
        0xC000003E,
        True,
        {
            "ptrace": 101,
            "process_vm_readv": 310,
            "process_vm_writev": 311,
            "kcmp": 312,
            "unshare": 272,
            "setns": 308,
            "mount": 165,
            "umount2": 166,
            "pivot_root": 155,
            "chroot": 161,
            "bpf": 321,
            "perf_event_open": 298,
            "userfaultfd": 323,
            "keyctl": 250,
            "add_key": 248,
            "request_key": 249,
            "setrlimit": 160,
            "kexec_load": 246,
            "init_module": 175,
            "finit_module": 313,
            "delete_module": 176,
            "open_by_handle_at": 304,
            "name_to_handle_at": 303,
            "memfd_create": 319,
            "shmget": 29,
            "shmat": 30,
            "shmctl": 31,
            "shmdt": 67,
            "semget": 64,
            "semop": 65,
            "semctl": 66,
            "semtimedop": 220,
            "msgget": 68,
            "msgsnd": 69,
            "msgrcv": 70,
            "msgctl": 71,
            "mq_open": 240,
            "socket": 41,
            "clone": 56,
            "prlimit64": 302,
            "prctl": 157,
            "setpriority": 141,
            "ioprio_set": 251,
            "sched_setscheduler": 144,
            "sched_setparam": 142,
            "sched_setattr": 314,
            "sched_setaffinity": 203,
            "setsockopt": 54,
        },
    ),
    "aarch64": (
        0xC00000B7,
        False,
        {
            "ptrace": 117,
            "process_vm_readv": 270,
            "process_vm_writev": 271,
            "kcmp": 272,
            "unshare": 97,
            "setns": 268,
            "mount": 40,
            "umount2": 39,
            "pivot_root": 41,
            "chroot": 51,
            "bpf": 280,
            "perf_event_open": 241,
            "userfaultfd": 282,
            "keyctl": 219,
            "add_key": 217,
            "request_key": 218,
            "setrlimit": 164,
            "kexec_load": 104,
            "init_module": 105,
            "finit_module": 273,
            "delete_module": 106,
            "open_by_handle_at": 265,
            "name_to_handle_at": 264,
            "memfd_create": 279,
            "shmget": 194,
            "shmat": 196,
            "shmctl": 195,
            "shmdt": 197,
            "semget": 190,
            "semop": 193,
            "semctl": 191,
            "semtimedop": 192,
            "msgget": 186,
            "msgsnd": 189,
            "msgrcv": 188,
            "msgctl": 187,
            "mq_open": 180,
            "socket": 198,
            "clone": 220,
            "prlimit64": 261,
            "prctl": 167,
            "setpriority": 140,
            "ioprio_set": 30,
            "sched_setscheduler": 119,
            "sched_setparam": 118,
            "sched_setattr": 274,
            "sched_setaffinity": 122,
            "setsockopt": 208,
        },
    ),
}


def _self_only(op: Callable[..., None], numbers: dict[str, int]) -> None:
    """Scheduling and I/O priority, affinity: only of the calling process (:data:`_SELF_ONLY`).
    Expects the syscall number loaded, and leaves it so for a call it does not decide."""
    for name, who in _SELF_ONLY:
        per_user = _PER_USER.get(name)
        op(_JEQ, numbers[name], 0, 5 if per_user is None else 7)
        if per_user is not None:
            op(_LD_ABS, _arg(0))
            op(_JEQ, per_user, 3, 0)
        op(_LD_ABS, _arg(who))  # a pid_t: the kernel reads the low 32 bits only
        op(_JEQ, 0, 2, 0)
        op(_JEQ, SELF, 1, 0)
        op(_RET, _ERRNO | _EPERM)
        op(_RET, _ALLOW)


def scheduling_program(machine: str) -> bytes | None:
    """A filter of :data:`_SELF_ONLY`'s rules alone (``None`` for an unknown architecture), for
    a process forked from one the full filter already confines, whose copy names its parent's
    pid as its own: the setup-function worker's child for each plugin (``worker/apart.py``)
    adds it with its own pid, so that it cannot slow the worker down (red team sand17)."""
    known = _ARCHES.get(machine)
    if known is None:
        return None
    audit_arch, _x32, own = known
    code: list[tuple[int, int, int, int]] = []

    def op(kind: int, k: int, jt: int = 0, jf: int = 0) -> None:
        code.append((kind, jt, jf, k))

    op(_LD_ABS, _ARCH)
    op(_JEQ, audit_arch, 1, 0)
    op(_RET, _ALLOW)  # another ABI's numbers: the full filter refuses them already
    op(_LD_ABS, _NR)
    _self_only(op, own)
    op(_RET, _ALLOW)
    return b"".join(struct.pack("=HBBI", kind, jt, jf, k) for kind, jt, jf, k in code)


def seccomp_program(
    machine: str, *, tcp: bool = False, unix: bool = True, udp: bool = False
) -> bytes | None:
    """The filter as an array of ``struct sock_filter``; ``None`` for an unknown architecture.

    ``tcp``: AF_INET/AF_INET6 TCP sockets may be created: where Landlock refuses their
    ``connect`` and ``bind`` (ABI 4), or for a plugin that must listen (a go-plugin). ``unix``:
    AF_UNIX sockets may be created; without it a process can connect to no filesystem socket
    (docker.sock, an ssh-agent's) nor abstract one, which Landlock cannot refuse (its ABI 6 scopes
    only abstract ones); ``socketpair`` stays allowed (asyncio, multiprocessing pipes). ``udp``:
    AF_INET/AF_INET6 UDP sockets may be created, where nothing they send can arrive anywhere (a
    network namespace whose only interface is a loopback that is down: every send is
    ``ENETUNREACH``; Landlock cannot refuse UDP). Raw, SCTP, netlink and packet sockets are
    refused always.
    """
    known = _ARCHES.get(machine)
    if known is None:
        return None
    audit_arch, x32, own = known
    numbers = {**own, **_COMMON}
    code: list[tuple[int, int, int, int]] = []

    def op(kind: int, k: int, jt: int = 0, jf: int = 0) -> None:
        code.append((kind, jt, jf, k))

    def deny(errno: int) -> None:
        op(_RET, _ERRNO | errno)

    op(_LD_ABS, _ARCH)
    op(_JEQ, audit_arch, 1, 0)
    deny(_EPERM)  # another ABI's numbers (int 0x80 on x86_64): nothing is allowed
    op(_LD_ABS, _NR)
    if x32:
        op(_JGE, 0x40000000, 0, 1)
        deny(_EPERM)
    for name in [n for n in numbers if n not in _BY_ARGUMENT]:
        op(_JEQ, numbers[name], 0, 1)
        deny(_EPERM)
    op(_JEQ, numbers["clone3"], 0, 1)
    deny(_ENOSYS)  # its flags sit behind a pointer: the C library falls back to clone()
    # clone(): no new namespaces (flags are the first argument on both architectures).
    op(_JEQ, numbers["clone"], 0, 6)
    op(_LD_ABS, _arg(0))
    op(_JSET, _NAMESPACES, 0, 1)
    deny(_EPERM)
    op(_JSET, _CLONE_PARENT, 0, 1)
    op(_RET, _KILL_PROCESS)
    op(_RET, _ALLOW)
    # prlimit64(pid, resource, new, old): reading is fine, setting is not.
    op(_JEQ, numbers["prlimit64"], 0, 6)
    op(_LD_ABS, _arg(2))
    op(_JEQ, 0, 0, 3)
    op(_LD_ABS, _arg(2, high=True))
    op(_JEQ, 0, 0, 1)
    op(_RET, _ALLOW)
    deny(_EPERM)
    # prctl(option, value): not PR_SET_CHILD_SUBREAPER to 0.
    op(_JEQ, numbers["prctl"], 0, 8)
    op(_LD_ABS, _arg(0))
    op(_JEQ, _PR_SET_CHILD_SUBREAPER, 0, 5)
    op(_LD_ABS, _arg(1))
    op(_JEQ, 0, 0, 3)
    op(_LD_ABS, _arg(1, high=True))
    op(_JEQ, 0, 0, 1)
    deny(_EPERM)
    op(_RET, _ALLOW)
    _self_only(op, numbers)
    # setsockopt(fd, level, name, ...): a buffer size is ignored (see _BUFFER_SIZES).
    op(_JEQ, numbers["setsockopt"], 0, 5 + len(_BUFFER_SIZES))
    op(_LD_ABS, _arg(1))
    op(_JEQ, _SOL_SOCKET, 0, len(_BUFFER_SIZES) + 1)
    op(_LD_ABS, _arg(2))
    for left, option in enumerate(_BUFFER_SIZES, start=1):
        op(_JEQ, option, len(_BUFFER_SIZES) - left + 1, 0)
    op(_RET, _ALLOW)
    op(_RET, _ERRNO | 0)  # not run, and 0 (success) returned
    # socket(domain, type, protocol): unix sockets; TCP and UDP sockets only where ``tcp`` and
    # ``udp`` say. Each allowed type is 4 instructions that end in the ALLOW after the deny.
    types = [(kind, proto) for on, kind, proto in _INET if (tcp, udp)[on]]
    inet = 4 + 4 * len(types) if types else 0
    local = 2 if unix else 0
    op(_JEQ, numbers["socket"], 0, 2 + local + inet)
    op(_LD_ABS, _arg(0))
    if unix:
        op(_JEQ, _AF_UNIX, 0, 1)
        op(_RET, _ALLOW)
    if types:
        after = 4 * len(types)  # instructions between this block's head and the deny
        op(_JEQ, _AF_INET, 1, 0)
        op(_JEQ, _AF_INET6, 0, 2 + after)
        op(_LD_ABS, _arg(1))
        op(_AND, 0xF)  # without SOCK_NONBLOCK / SOCK_CLOEXEC
        for done, (kind, proto) in enumerate(types, start=1):
            rest = 4 * (len(types) - done)  # the other types' instructions still to come
            op(_JEQ, kind, 0, 3)  # another type: the next check, or the deny
            op(_LD_ABS, _arg(2))
            op(_JEQ, 0, 2 + rest, 0)  # the type's default protocol
            op(_JEQ, proto, 1 + rest, rest)  # not SCTP, MPTCP, UDP-Lite or ICMP
    deny(_EACCES)
    op(_RET, _ALLOW)
    return b"".join(struct.pack("=HBBI", kind, jt, jf, k) for kind, jt, jf, k in code)


_INET = ((0, _SOCK_STREAM, _IPPROTO_TCP), (1, _SOCK_DGRAM, _IPPROTO_UDP))
"""(which of ``(tcp, udp)`` allows it, socket type, its one protocol) of ``seccomp_program``."""


def with_own_pid(program: bytearray | ctypes.Array[ctypes.c_char], pid: int) -> None:
    """Write ``pid`` where ``program`` (a filter from :func:`seccomp_program`, in place) compares
    a target pid with :data:`SELF`."""
    for offset in range(0, len(program), 8):
        kind, _jt, _jf, k = struct.unpack_from("=HBBI", program, offset)
        if kind == _JEQ and k == SELF:
            struct.pack_into("=I", program, offset + 4, pid)
