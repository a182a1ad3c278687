""":class:`Plan`: what the kernel offers, probed once in the parent, applied in each child."""

from __future__ import annotations

import contextlib
import os
import struct
import sys

from .kernel import (
    _CAP_VERSION_3,
    _CAPSET,
    _PR_GET_SECCOMP,
    _PR_SET_NO_NEW_PRIVS,
    _PR_SET_SECCOMP,
    _SECCOMP_MODE_FILTER,
    _kernel,
    _prctl,
)
from .landlock import (
    _ADD_RULE,
    _CREATE_RULESET,
    _DEVICES,
    _FS_IOCTL_DEV,
    _FS_READ_FILE,
    _FS_TRUNCATE,
    _FS_WRITE_FILE,
    _NET_BIND_TCP,
    _NET_CONNECT_TCP,
    _READ,
    _READ_ONE,
    _RESTRICT_SELF,
    _RULE_PATH_BENEATH,
    _SCOPE_ABSTRACT_UNIX,
    _SCOPE_SIGNAL,
    SYSTEM,
    _fs_rights,
    _high,
    _open_readable,
    landlock,
)
from .namespaces import OWN_NETWORK
from .seccomp import seccomp_program, with_own_pid

_SIOCGIFFLAGS, _IFF_UP = 0x8913, 1


def network_isolated() -> bool:
    """Whether this process's network namespace has no interface but a loopback that is down
    (a fresh namespace, as the fork server's): nothing a socket sends leaves or arrives, on
    127.0.0.1 too (``ENETUNREACH``). A process without ``CAP_NET_ADMIN`` there cannot bring
    it up. Only in a namespace this process (or one it was forked from) made: a loopback
    that is down in the machine's own may be brought up by anyone else. ``False`` whenever
    that cannot be told."""
    if not OWN_NETWORK:
        return False
    try:
        import fcntl
        import socket

        if [name for _, name in socket.if_nameindex()] != ["lo"]:
            return False
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            asked = struct.pack("16sH14x", b"lo", 0)
            flags = struct.unpack("16sH14x", fcntl.ioctl(probe.fileno(), _SIOCGIFFLAGS, asked))[1]
    except (OSError, ImportError, AttributeError, struct.error):
        return False
    return not flags & _IFF_UP


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
            udp = network_isolated()  # UDP then reaches nothing: a library's socket is harmless
            self.seccomp = seccomp_program(self.machine, tcp=tcp, unix=self.unix, udp=udp)
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
        if self.seccomp is not None:
            with_own_pid(self._filters, os.getpid())
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
