"""Confinement of a plugin process: Landlock, a seccomp filter, no capabilities, no new privileges.

Stdlib only and loadable by path: the harness worker loads it in the target interpreter, and
``python -I -S confine.py LIMITS WRITABLE TCP -- ARGV...`` confines itself, then ``exec``\\s
``ARGV`` (the launcher :mod:`plugcheck.sandbox` uses for exec, go-plugin, wasm and native
children).

:class:`Plan` is built once, in the parent: it asks the kernel what it supports and assembles
the seccomp program. :meth:`Plan.apply` runs in each child after ``fork`` and before any plugin
code: ``PR_SET_NO_NEW_PRIVS``; every capability dropped (root in the child is an ordinary user
that happens to own root's files); a Landlock domain (read and execute everywhere, write only
below the child's own directory and to /dev/null, TCP connect and bind denied, abstract unix
sockets and signals scoped to the domain); then the seccomp filter (no ptrace, no
``process_vm_*``, no network sockets, no namespaces, no mounts, no raising rlimits, no
bpf/perf/keyring/io_uring). Whatever the kernel lacks is left out; :meth:`Plan.mechanisms`
says what is in force.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat as stat_module
import struct
import sys

# --- Landlock (linux/landlock.h) ---------------------------------------------------------

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446  # the same on every architecture
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
_FS_EXECUTE = 1 << 0
_FS_WRITE_FILE = 1 << 1
_FS_READ_FILE = 1 << 2
_FS_READ_DIR = 1 << 3
_FS_REFER = 1 << 13  # ABI 2
_FS_TRUNCATE = 1 << 14  # ABI 3
_FS_IOCTL_DEV = 1 << 15  # ABI 5
_NET_BIND_TCP = 1 << 0  # ABI 4
_NET_CONNECT_TCP = 1 << 1
_SCOPE_ABSTRACT_UNIX = 1 << 0  # ABI 6
_SCOPE_SIGNAL = 1 << 1
_READ = _FS_EXECUTE | _FS_READ_FILE | _FS_READ_DIR
_READ_ONE = _FS_EXECUTE | _FS_READ_FILE
"""Read rights for a rule on a file (a directory's rights on a file are refused)."""
_DEVICES = ("/dev/null", "/dev/zero", "/dev/full")
"""Devices a plugin may open for writing (``open(os.devnull, "w")`` is everywhere)."""
SYSTEM = (
    "/usr",
    "/lib",
    "/lib32",
    "/lib64",
    "/libx32",
    "/bin",
    "/sbin",
    "/nix/store",
    "/gnu/store",
    "/proc",  # Landlock refuses another domain's /proc/<pid>/environ, mem and fd (ptrace)
    "/sys",
    "/dev/random",
    "/dev/urandom",
    *(
        f"/etc/{name}"
        for name in (
            "ld.so.cache",
            "ld.so.conf",
            "ld.so.conf.d",
            "localtime",
            "timezone",
            "zoneinfo",
            "locale.alias",
            "locale.conf",
            "default/locale",
            "nsswitch.conf",
            "passwd",
            "group",
            "hosts",
            "host.conf",
            "resolv.conf",
            "gai.conf",
            "services",
            "protocols",
            "mime.types",
            "os-release",
            "lsb-release",
            "debian_version",
            "alternatives",
            "ssl",
            "pki",
            "ca-certificates",
            "ca-certificates.conf",
            "crypto-policies",
            "fonts",
            "machine-id",
        )
    ),
)
"""What any plugin process may read besides its own paths (``Plan(readable=...)``): the
system's programs and libraries, /proc and /sys, random devices and the parts of /etc that the
C library, Python's stdlib and TLS read. Not /home, /root, /tmp, /var, /run, /dev/shm, /srv,
/mnt, /media, /opt, nor the rest of /etc."""


def _fs_rights(abi: int) -> int:
    rights = (1 << 13) - 1  # ABI 1: execute .. make_sym
    if abi >= 2:
        rights |= _FS_REFER
    if abi >= 3:
        rights |= _FS_TRUNCATE
    if abi >= 5:
        rights |= _FS_IOCTL_DEV
    return rights


# --- seccomp (linux/seccomp.h, linux/filter.h) -------------------------------------------

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
_SOCK_STREAM = 1
_IPPROTO_TCP = 6
_NAMESPACES = 0x7E020000
"""CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET."""

_BY_ARGUMENT = ("socket", "clone", "clone3", "prlimit64")
"""Filtered by their arguments; every other syscall in an architecture's table below is
refused with EPERM whatever its arguments (ptrace, process_vm_*, namespaces, mounts, bpf,
perf_event_open, userfaultfd, the keyring, setrlimit, modules, file handles, io_uring)."""

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
            "socket": 41,
            "clone": 56,
            "prlimit64": 302,
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
            "socket": 198,
            "clone": 220,
            "prlimit64": 261,
        },
    ),
}


def seccomp_program(machine: str, *, tcp: bool = False, unix: bool = True) -> bytes | None:
    """The filter as an array of ``struct sock_filter``; ``None`` for an unknown architecture.

    ``tcp``: AF_INET/AF_INET6 TCP sockets may be created: where Landlock refuses their
    ``connect`` and ``bind`` (ABI 4), or for a plugin that must listen (a go-plugin). ``unix``:
    AF_UNIX sockets may be created; without it a process can connect to no filesystem socket
    (docker.sock, an ssh-agent's) nor abstract one, which Landlock cannot refuse (its ABI 6 scopes
    only abstract ones); ``socketpair`` stays allowed (asyncio, multiprocessing pipes). UDP, raw,
    SCTP, netlink and packet sockets are refused always.
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
    op(_JEQ, numbers["clone"], 0, 4)
    op(_LD_ABS, _arg(0))
    op(_JSET, _NAMESPACES, 0, 1)
    deny(_EPERM)
    op(_RET, _ALLOW)
    # prlimit64(pid, resource, new, old): reading is fine, setting is not.
    op(_JEQ, numbers["prlimit64"], 0, 6)
    op(_LD_ABS, _arg(2))
    op(_JEQ, 0, 0, 3)
    op(_LD_ABS, _arg(2, high=True))
    op(_JEQ, 0, 0, 1)
    op(_RET, _ALLOW)
    deny(_EPERM)
    # socket(domain, type, protocol): unix sockets; TCP sockets only where ``tcp`` says.
    streams = 8 if tcp else 0
    local = 2 if unix else 0
    op(_JEQ, numbers["socket"], 0, 2 + local + streams)
    op(_LD_ABS, _arg(0))
    if unix:
        op(_JEQ, _AF_UNIX, 0, 1)
        op(_RET, _ALLOW)
    if tcp:
        op(_JEQ, _AF_INET, 1, 0)
        op(_JEQ, _AF_INET6, 0, 6)
        op(_LD_ABS, _arg(1))
        op(_AND, 0xF)  # without SOCK_NONBLOCK / SOCK_CLOEXEC
        op(_JEQ, _SOCK_STREAM, 0, 3)
        op(_LD_ABS, _arg(2))
        op(_JEQ, 0, 2, 0)  # the default protocol of a stream socket is TCP
        op(_JEQ, _IPPROTO_TCP, 1, 0)  # not SCTP or MPTCP, which Landlock does not cover
    deny(_EACCES)
    op(_RET, _ALLOW)
    return b"".join(struct.pack("=HBBI", kind, jt, jf, k) for kind, jt, jf, k in code)


# --- the kernel interface -----------------------------------------------------------------

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_DUMPABLE = 4
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_PR_GET_SECCOMP = 21
_CAPSET = {"x86_64": 126, "aarch64": 91}
_CAP_VERSION_3 = 0x20080522


class _Kernel:
    """prctl(2) and syscall(2) through ctypes, typed once (a call then costs about 1 us)."""

    def __init__(self) -> None:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        self.prctl = libc["prctl"]
        self.prctl.restype = ctypes.c_int
        self.prctl.argtypes = [ctypes.c_int, *[ctypes.c_ulong] * 4]
        self.syscalls = []
        for arity in range(5):  # variadic: one typed function pointer per arity
            fn = libc["syscall"]
            fn.restype = ctypes.c_long
            fn.argtypes = [ctypes.c_long] * (arity + 1)
            self.syscalls.append(fn)
        self.buffer = ctypes.create_string_buffer
        self.address = ctypes.addressof

    def syscall(self, number: int, *args: int) -> int:
        return int(self.syscalls[len(args)](number, *args))


_KERNEL: list[_Kernel] = []


def _kernel() -> _Kernel:
    if not _KERNEL:
        _KERNEL.append(_Kernel())
    return _KERNEL[0]


def landlock() -> int:
    """Landlock's ABI version on this kernel (0: none, or no syscall numbers for capset here)."""
    if os.uname().machine not in _CAPSET or not sys.platform.startswith("linux"):
        return 0
    try:
        kernel = _kernel()
    except (OSError, AttributeError):  # no usable C library
        return 0
    return max(0, kernel.syscall(_CREATE_RULESET, 0, 0, _CREATE_RULESET_VERSION))


def _prctl(option: int, *args: int) -> int:
    return int(_kernel().prctl(option, *[*args, 0, 0, 0, 0][:4]))


class Plan:
    """What the kernel offers, probed once; every buffer the child passes to it built once."""

    def __init__(
        self,
        *,
        tcp_listen: bool = False,
        unix: bool | None = None,
        readable: list[str] | None = None,
    ) -> None:
        """``readable``: the paths (besides :data:`SYSTEM`) the process may read below; None:
        it may read everything its user can. ``unix``: AF_UNIX sockets may be created (default:
        only with ``tcp_listen``, for a go-plugin serving on a unix socket)."""
        self.machine = os.uname().machine if sys.platform.startswith("linux") else ""
        self.landlock = 0
        self.seccomp: bytes | None = None
        self.tcp_listen = tcp_listen
        self.unix = tcp_listen if unix is None else unix
        self.readable: list[tuple[int, int]] | None = None
        """Read rules as (O_PATH descriptor, rights), opened once here: a child only adds them."""
        self.layers: dict[str, int] = {}
        """Prebuilt read layers (:meth:`prebuild`): directory -> ruleset descriptor."""
        if self.machine not in _CAPSET:
            return  # no syscall numbers for it (Landlock's are generic, capset's are not)
        try:
            kernel = _kernel()
        except (OSError, AttributeError):  # no usable C library
            return
        self.landlock = landlock()
        if _prctl(_PR_GET_SECCOMP) >= 0:  # EINVAL on a kernel built without seccomp
            # Creating a TCP socket is harmless once Landlock refuses connect (and a plugin that
            # tolerates an unreachable network keeps working); without that, no TCP at all.
            tcp = tcp_listen or self.landlock >= 4
            self.seccomp = seccomp_program(self.machine, tcp=tcp, unix=self.unix)
        if self.landlock and readable is not None:
            self.readable = _open_readable([*SYSTEM, *readable])
        attr = self._ruleset_attr()
        self._ruleset, self._ruleset_size = kernel.buffer(attr, len(attr) or 1), len(attr)
        # The layer a child adds over a prebuilt read layer: everything but reading.
        write = self._ruleset_attr(_fs_rights(self.landlock) & ~_READ)
        self._write_ruleset = kernel.buffer(write, len(write) or 1)
        self._beneath = kernel.buffer(12)
        self._cap_header = kernel.buffer(struct.pack("=Ii", _CAP_VERSION_3, 0))
        self._cap_data = kernel.buffer(24)
        program = self.seccomp or b""
        self._filters = kernel.buffer(program, len(program) or 1)
        self._prog = kernel.buffer(struct.pack("=HxxxxxxQ", len(program) // 8, 0))
        struct.pack_into("=Q", self._prog, 8, kernel.address(self._filters))

    def close(self) -> None:
        """Close the read rules' descriptors (in a process that will not :meth:`apply`)."""
        for fd in self.fds():
            with contextlib.suppress(OSError):
                os.close(fd)
        self.readable = None if self.readable is None else []

    def fds(self) -> list[int]:
        """Descriptors a child must keep open until :meth:`apply` (which closes them)."""
        return sorted([*(fd for fd, _ in self.readable or ()), *self.layers.values()])

    def prebuild(self, below: list[str]) -> bool:
        """Build, once and in this process, a read layer per directory of ``below`` (a ruleset
        handling only reading, with every read rule and that directory): a child whose own
        directory lies in one of them then restricts itself with that layer and adds a small
        one for writing (:meth:`apply`), instead of adding every read rule itself. All or
        nothing; then the read rules' own descriptors are closed here."""
        if not self.landlock or self.readable is None or not below:
            return False
        kernel = _kernel()
        attr = struct.pack("=Q", _READ)
        buffer = kernel.buffer(attr, len(attr))
        for directory in below:
            ruleset = kernel.syscall(_CREATE_RULESET, kernel.address(buffer), len(attr), 0)
            if ruleset < 0:
                break
            try:
                rules = [(fd, rights) for fd, rights in self.readable]
                if not all(self._add(ruleset, fd, rights) for fd, rights in rules):
                    break
                extra = [(directory, _READ), *((path, _READ_ONE) for path in _DEVICES)]
                if not all(self._add_path(ruleset, path, rights) for path, rights in extra):
                    break
                self.layers[directory] = _high(ruleset)
            finally:
                os.close(ruleset)
        if len(self.layers) < len(below):
            for fd in self.layers.values():
                os.close(fd)
            self.layers = {}
            return False
        for fd, _ in self.readable:
            os.close(fd)
        self.readable = []
        return True

    def _add(self, ruleset: int, fd: int, rights: int) -> bool:
        kernel = _kernel()
        struct.pack_into("=Qi", self._beneath, 0, rights, fd)
        address = kernel.address(self._beneath)
        return kernel.syscall(_ADD_RULE, ruleset, _RULE_PATH_BENEATH, address, 0) == 0

    def _add_path(self, ruleset: int, path: str, rights: int) -> bool:
        """Add a rule for ``path``; True also when it does not exist (nothing to allow)."""
        try:
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except OSError:
            return True
        try:
            return self._add(ruleset, fd, rights)
        finally:
            os.close(fd)

    def _ruleset_attr(self, fs: int | None = None) -> bytes:
        abi = self.landlock
        if abi < 1:
            return b""
        attr = struct.pack("=Q", _fs_rights(abi) if fs is None else fs)
        if abi >= 4:
            attr += struct.pack("=Q", _NET_CONNECT_TCP | (0 if self.tcp_listen else _NET_BIND_TCP))
        if abi >= 6:
            attr += struct.pack("=Q", _SCOPE_ABSTRACT_UNIX | _SCOPE_SIGNAL)
        return attr

    def mechanisms(self) -> list[str]:
        """What :meth:`apply` puts in force, for the report (empty: nothing)."""
        found = []
        if self.landlock:
            found.append(f"landlock-abi-{self.landlock}")
            if self.readable is not None:
                found.append("landlock-reads")
        if self.seccomp is not None:
            found.append("seccomp")
            if not self.unix:
                found.append("no-unix-sockets")
        if self.machine in _CAPSET:
            found += ["no-new-privs", "no-capabilities"]
        return found

    def apply(self, writable: list[str]) -> list[str]:
        """Confine this process (call after fork, before plugin code): the mechanisms that took
        effect. ``writable``: directories the process may write below (with a prebuilt read
        layer, each lies in the layer's directory)."""
        done: list[str] = []
        if self.machine not in _CAPSET or _prctl(_PR_SET_NO_NEW_PRIVS, 1) != 0:
            return done
        self._drop_capabilities()
        if self.landlock and self._restrict(writable):
            done.append(f"landlock-abi-{self.landlock}")
            if self.readable is not None:
                done.append("landlock-reads")
        if (
            self.seccomp is not None
            and _prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, _kernel().address(self._prog)) == 0
        ):
            done.append("seccomp")
            if not self.unix:
                done.append("no-unix-sockets")
        return [*done, "no-new-privs", "no-capabilities"]

    def _drop_capabilities(self) -> None:
        """Empty the effective, permitted and inheritable sets (the ambient set follows). The
        bounding set may stay: under no-new-privs an ``exec`` never gains what was not
        permitted before, so root's ``exec`` fix-up and setuid files grant nothing."""
        kernel = _kernel()
        kernel.syscall(
            _CAPSET[self.machine], kernel.address(self._cap_header), kernel.address(self._cap_data)
        )

    def _restrict(self, writable: list[str]) -> bool:
        kernel = _kernel()
        layer = None
        if writable and self.layers:
            layer = self.layers.get(os.path.dirname(os.path.normpath(writable[0])))
            if layer is None:
                return False  # its directory is in no prebuilt layer: it can read nothing
        try:
            everything = _fs_rights(self.landlock)
            device = _FS_READ_FILE | _FS_WRITE_FILE
            device |= _FS_TRUNCATE if self.landlock >= 3 else 0
            device |= _FS_IOCTL_DEV if self.landlock >= 5 else 0
            attr = self._ruleset
            if layer is not None:  # reading is the prebuilt layer's: this one handles the rest
                if kernel.syscall(_RESTRICT_SELF, layer, 0) != 0:
                    return False
                everything &= ~_READ
                device &= ~_READ
                attr = self._write_ruleset
            ruleset = kernel.syscall(_CREATE_RULESET, kernel.address(attr), self._ruleset_size, 0)
            if ruleset < 0:
                return False
            try:
                if self.readable is None:  # everything readable
                    read = self._add_path(ruleset, "/", _READ)
                else:  # the read rules, unless the prebuilt layer holds them
                    read = layer is not None or all(
                        self._add(ruleset, fd, rights) for fd, rights in self.readable
                    )
                if not read:
                    return False
                rules = [(path, everything) for path in writable]
                rules += [(path, device) for path in _DEVICES]
                if not all(self._add_path(ruleset, path, rights) for path, rights in rules):
                    return False
                return kernel.syscall(_RESTRICT_SELF, ruleset, 0) == 0
            finally:
                os.close(ruleset)
        finally:
            for fd in self.fds():  # this process's copies: the plugin gets none of them
                with contextlib.suppress(OSError):
                    os.close(fd)


def _high(fd: int) -> int:
    """A copy of ``fd`` numbered from 100 up (clear of a child's 0-3 and the descriptors it
    opens for itself)."""
    import fcntl

    return fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 100)


def _open_readable(paths: list[str]) -> list[tuple[int, int]]:
    """An O_PATH descriptor (:func:`_high`) and its read rights for every path that exists,
    once per file or directory."""
    found: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for path in paths:
        try:
            low = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except (OSError, ValueError):
            continue
        try:
            stat = os.fstat(low)
            if (stat.st_dev, stat.st_ino) in seen:
                continue
            seen.add((stat.st_dev, stat.st_ino))
            fd = _high(low)
        except OSError:
            continue
        finally:
            os.close(low)
        found.append((fd, _READ if stat_module.S_ISDIR(stat.st_mode) else _READ_ONE))
    return found


# --- the namespace fallback ---------------------------------------------------------------

_CLONE_NEWNS, _CLONE_NEWUSER = 0x00020000, 0x10000000
_CLONE_NEWPID, _CLONE_NEWNET = 0x20000000, 0x40000000
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC, _MS_REMOUNT = 1, 2, 4, 8, 32
_MS_BIND, _MS_REC, _MS_PRIVATE = 4096, 1 << 14, 1 << 18
_MS_KEPT = {1024: 1024, 2048: 2048, 4096: 1 << 21, 2: _MS_NOSUID, 4: _MS_NODEV, 8: _MS_NOEXEC}
"""statvfs ``f_flag`` bits -> the mount flags a read-only remount must repeat (noatime,
nodiratime, relatime, nosuid, nodev, noexec): a user namespace may not clear them."""
_MNT_DETACH = 2
_ROOTS = ("/tmp", "/mnt", "/var/tmp", "/dev/shm", "/srv")
"""Directories the private root is mounted on before ``pivot_root`` (the first that exists;
only a mount point in this process's own mount namespace, never written)."""


def _ns_call(name: str, *args: object) -> int:
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    return int(getattr(libc, name)(*args))


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
        signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    os._exit(code)


def _unshare(*, net: bool = True) -> bool:
    uid, gid = os.getuid(), os.getgid()
    try:
        if _ns_call("unshare", _CLONE_NEWUSER | _CLONE_NEWNS | (_CLONE_NEWNET if net else 0)):
            return False
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1")):
            with open(f"/proc/self/{name}", "w") as handle:
                handle.write(text)
        with open("/proc/self/gid_map", "w") as handle:
            handle.write(f"{gid} {gid} 1")
        return _mount(None, "/", None, _MS_REC | _MS_PRIVATE, None)
    except (OSError, AttributeError):
        return False


def _fallback(readable: list[str], writable: list[str], *, net: bool) -> bool:
    """The launcher's namespace fallback where Landlock is missing: this process goes into
    namespaces of its own, the first process of the PID namespace builds the private root
    (:func:`private_root`) and forks again; it waits (passing on stop signals, :func:`_relay`)
    while its child returns to ``exec`` the program, as PID 2. False when nothing changed;
    exits 126 when the root could not be built once inside."""
    pipe = os.pipe()
    if "pid-namespace" not in enter_namespaces(pid=True, net=net, status=pipe[0]):
        for fd in pipe:
            os.close(fd)
        return False
    os.close(pipe[0])
    if not private_root(readable, writable):
        sys.stderr.write("plugcheck-confine: cannot build the private root\n")
        os._exit(126)
    child = os.fork()
    if child:
        _relay(child, -1, pipe[1])
    os.close(pipe[1])
    return True


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
    ``writable``. The real home, ``/tmp``, ``/dev/shm``, ``/run`` and everything else are not
    there. All or nothing: False when any step failed."""
    base = next((d for d in _ROOTS if os.path.isdir(d) and not os.path.islink(d)), None)
    writable = [os.path.normpath(w) for w in writable]
    here = os.getcwd()
    sources: list[tuple[str, int, str | None]] = []
    try:  # every source is opened before the new root hides any of them
        for path in _tops([p for p in (*SYSTEM, *_DEVICES, *readable) if p != "/proc"], writable):
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
        if not all(_bind(base, *source) for source in sources):
            return _undo(base)
    finally:
        for _, fd, _ in sources:
            os.close(fd)
    old = base + "/.old"
    os.mkdir(old)
    os.mkdir(base + "/proc")
    if not _mount(b"proc", base + "/proc", b"proc", _MS_NOSUID | _MS_NODEV | _MS_NOEXEC, None):
        return _undo(base)
    number = _ARCHES.get(os.uname().machine, (0, False, {}))[2].get("pivot_root")
    if number is None or _kernel().syscall(number, _c_path(base), _c_path(old)) != 0:
        return _undo(base)
    os.chdir("/")
    if _ns_call("umount2", b"/.old", _MNT_DETACH) != 0:
        return False
    os.rmdir("/.old")
    with contextlib.suppress(OSError):
        os.chdir(here)  # the same path in the new root, where it was bound
    return _read_only(writable)


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


FILES = ("landlock-reads", "fs-namespace")
"""Either confines what a plugin process reads and writes (``--require-confinement``)."""


def python_plugins() -> list[str]:
    """The mechanisms that confine a Python plugin's child on this kernel (the worker builds
    its plan the same way, with the real paths to read), and the fork server's namespaces:
    ``temp-cap`` and ``net-namespace`` where unprivileged user namespaces are allowed, and
    where Landlock is missing also ``pid-namespace`` and ``fs-namespace`` (the fallback). The
    namespaces are probed in a fresh interpreter (``confine.py --probe``), never by forking
    this process."""
    if not _FOUND:
        _FOUND.append(_python_plugins())
    return list(_FOUND[0])


_FOUND: list[list[str]] = []


def _python_plugins() -> list[str]:
    plan = Plan(unix=False, readable=[])
    plan.close()
    found = plan.mechanisms()
    if not sys.platform.startswith("linux"):
        return found
    import subprocess

    fallback = "" if plan.landlock else "pid"
    argv = [sys.executable, "-I", "-S", os.path.abspath(__file__), "--probe", fallback]
    try:
        level = subprocess.run(argv, check=False, capture_output=True, timeout=30).returncode
    except (OSError, subprocess.SubprocessError):
        level = 0
    if level >= 1:
        found += ["temp-cap", "net-namespace"]
    if level == 2:
        found += ["pid-namespace", "fs-namespace"]
    return found


def undumpable() -> bool:
    """PR_SET_DUMPABLE 0: this process's /proc files (fd, mem, environ) are root's and only a
    ptracer with CAP_SYS_PTRACE may read them."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return _prctl(_PR_SET_DUMPABLE, 0) == 0
    except (OSError, AttributeError):
        return False


_WORDS = {
    "temp-cap": "temporary directory capped (a tmpfs of its own)",
    "net-namespace": "no network (a network namespace of its own)",
    "pid-namespace": "no other process visible (a PID namespace of its own)",
    "fs-namespace": (
        "a read-only root holding only the plugin, its host, the Python environment and "
        "system paths (mount namespace)"
    ),
}


def describe(mechanisms: list[str]) -> str:
    """One line for the report's note."""
    if not set(mechanisms) - {"no-new-privs", "no-capabilities"}:
        return "none available (no Landlock, no seccomp, no user namespaces on this kernel)"
    words = []
    for mechanism in mechanisms:
        if mechanism.startswith("landlock-abi-"):
            abi = int(mechanism.rsplit("-", 1)[1])
            scope = ", TCP" if abi >= 4 else ""
            scope += ", signals and abstract sockets" if abi >= 6 else ""
            words.append(f"Landlock ABI {abi} (files{scope})")
        elif mechanism == "landlock-reads":
            words.append(
                "reads only below the plugin, its host, the Python environment and system paths"
            )
        elif mechanism == "seccomp":
            words.append("seccomp filter")
        elif mechanism == "no-unix-sockets":
            words.append("no unix sockets (a go-plugin's excepted)")
        elif mechanism in _WORDS:
            words.append(_WORDS[mechanism])
        else:
            words.append(mechanism)
    return ", ".join(words)


# --- the launcher for executables ----------------------------------------------------------


def launch(argv: list[str]) -> int:
    """``confine.py LIMITS WRITABLE TCP READABLE -- PROGRAM ARGS...``: set each
    ``resource=value`` limit (soft = hard), confine (reading only below :data:`SYSTEM` and the
    ``READABLE`` paths; ``*``: everywhere), exec. Exit 126/127 with one line on stderr when it
    cannot."""
    import resource

    try:
        split = argv.index("--")
    except ValueError:
        split = len(argv)
    options, program = argv[1:split], argv[split + 1 :]
    if len(options) != 4 or not program:
        sys.stderr.write(
            "plugcheck-confine: usage: LIMITS WRITABLE TCP READABLE -- PROGRAM ARGS...\n"
        )
        return 2
    limits, writable, tcp, reads = options
    for pair in filter(None, limits.split(",")):
        name, _, value = pair.partition("=")
        number = int(value)
        resource.setrlimit(getattr(resource, name), (number, number))
    readable = None if reads == "*" else [r for r in reads.split(os.pathsep) if r]
    plan = Plan(tcp_listen=tcp == "1", readable=readable)
    writable_paths = [w for w in writable.split(os.pathsep) if w]
    if readable is not None and not plan.landlock:
        # The program's directory, its PATH and the launcher's Python are in ``readable``.
        _fallback([*readable, sys.prefix, sys.base_prefix], writable_paths, net=tcp != "1")
    if plan.apply(writable_paths) != plan.mechanisms():
        sys.stderr.write(f"plugcheck-confine: failed to execute {program[0]}: cannot confine it\n")
        return 126
    try:
        os.execvp(program[0], program)
    except OSError as exc:
        sys.stderr.write(
            f"plugcheck-confine: failed to execute {program[0]}: {exc.strerror or exc}\n"
        )
        return 127 if isinstance(exc, FileNotFoundError) else 126
    return 126  # pragma: no cover - execvp does not return


if __name__ == "__main__":
    if sys.argv[1:2] == ["--probe"]:  # python_plugins(): the level as the exit status
        sys.exit(_probe(pid=sys.argv[2:3] == ["pid"]))
    sys.exit(launch(sys.argv))
