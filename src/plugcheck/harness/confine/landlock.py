"""Landlock (linux/landlock.h): its rights, the paths any plugin process may read, and the
kernel's ABI version."""

from __future__ import annotations

import os
import stat as stat_module
import sys

from . import hidden
from .kernel import _CAPSET, _kernel

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


def landlock() -> int:
    """Landlock's ABI version on this kernel (0: none, or no syscall numbers for capset here)."""
    if os.uname().machine not in _CAPSET or not sys.platform.startswith("linux"):
        return 0
    try:
        kernel = _kernel()
    except (OSError, AttributeError):  # no usable C library
        return 0
    return max(0, kernel.syscall(_CREATE_RULESET, 0, 0, _CREATE_RULESET_VERSION))


def _high(fd: int) -> int:
    """A copy of ``fd`` numbered from 100 up (clear of a child's 0-3 and the descriptors it
    opens for itself)."""
    import fcntl

    return fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 100)


def _open_readable(paths: list[str]) -> list[tuple[int, int]]:
    """An O_PATH descriptor (:func:`_high`) and its read rights for every path that exists,
    once per file or directory and unless the folders above it grant as much already
    (:func:`_covered`); a directory that holds a hidden entry (:mod:`.hidden`: a checkout's
    ``.git``, ``.env``) is readable without it."""
    found: list[tuple[str, bool, int, int]] = []
    seen: set[tuple[int, int]] = set()
    secrets = hidden.found(paths)
    for path, whole in (g for p in paths for g in hidden.grants(p, secrets)):
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
        directory = stat_module.S_ISDIR(stat.st_mode)
        rights = (_READ if whole else _FS_READ_DIR) if directory else _READ_ONE
        found.append((os.path.realpath(path), directory, fd, rights))
    covered = _covered(found)
    for fd in covered:
        os.close(fd)
    return [(fd, rights) for _, _, fd, rights in found if fd not in covered]


def _covered(rules: list[tuple[str, bool, int, int]]) -> set[int]:
    """The descriptors of ``rules`` (real path, a directory?, descriptor, rights) that add
    nothing: a rule applies to everything below its directory and a layer grants what the rules
    on a path and on the folders above it grant together, so a rule whose rights the rules
    above it grant already changes nothing (nor does leaving it out change what any other path
    gets). A plugin's root mostly lies in a readable import root or ``site-packages``: kept,
    every plugin process's layer held one rule per plugin of the run, and the kernel's work to
    build and free that layer grew with the fleet (children's system time per plugin 3.9 ->
    6.1 ms from 1,000 to 3,000 plugins). Real paths: the kernel walks up from what a link
    names, never through the link."""
    above: dict[str, int] = {}
    for real, directory, _, rights in rules:
        if directory:
            above[real] = above.get(real, 0) | rights
    covered: set[int] = set()
    for real, _, fd, rights in rules:
        granted, folder = 0, real
        while folder != (folder := os.path.dirname(folder)):
            granted |= above.get(folder, 0)
        if not rights & ~granted:
            covered.add(fd)
    return covered
