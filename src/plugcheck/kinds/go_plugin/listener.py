"""Whose server a go-plugin's handshake names: a TCP address on the loopback is the plugin's
only when a process of the plugin holds the socket that listens there.

A go-plugin server shares plugcheck's network namespace (plugcheck must reach it), so the
loopback holds every other listener of the machine too: a sibling go-plugin's server, a CI
service. Before, a plugin that served nothing and named another gRPC server's port in its
handshake passed ("All checks passed": plugcheck's health check reached that server; red
team red31). The listening socket is found in ``/proc/net/tcp`` and ``tcp6`` (by the address
the kernel would hand the connection to: an exact one before a wildcard) and its inode looked
for among the descriptors of the processes below the launcher plugcheck started.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import sys

_LISTEN = "0A"
_MOST = 4096
"""Processes of a plugin's tree looked at, at most (its pid namespace holds at most 557)."""

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def held_by(pid: int, host: str, port: int) -> bool | None:
    """Whether the socket listening on ``host:port`` (the one a connection there reaches) is
    held by ``pid`` or a process below it (a plugin's process plugcheck may not look into
    holds nothing, as far as it can tell); ``None`` where nothing listens there (the
    connection is refused: the plugin's finding) or this system cannot tell (no
    ``/proc/net/tcp``)."""
    try:
        named = {ipaddress.ip_address(host)} if host != "localhost" else set(_LOCALHOST)
    except ValueError:
        return False
    listening = _listening(port)
    if listening is None:
        return None
    exact = {inode for address, inode in listening if _unmapped(address) in named}
    wildcard = {inode for address, inode in listening if address.is_unspecified}
    reached = exact or wildcard
    return reached <= _sockets(_tree(pid)) if reached else None


_LOCALHOST = (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"))


def _unmapped(address: Address) -> Address:
    """``::ffff:127.0.0.1`` as ``127.0.0.1``."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _listening(port: int) -> list[tuple[Address, int]] | None:
    """(local address, socket inode) of each TCP socket listening on ``port`` in this network
    namespace; ``None`` without ``/proc/net/tcp``."""
    found: list[tuple[Address, int]] = []
    read = False
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table, encoding="ascii") as handle:
                lines = handle.read().splitlines()[1:]
        except (OSError, UnicodeDecodeError):
            continue
        read = True
        for line in lines:
            fields = line.split()
            if len(fields) < 10 or fields[3] != _LISTEN:
                continue
            hex_address, _, hex_port = fields[1].partition(":")
            with contextlib.suppress(ValueError):
                if int(hex_port, 16) == port:
                    found.append((_address(hex_address), int(fields[9])))
    return found if read else None


def _address(text: str) -> Address:
    """An address as ``/proc/net/tcp*`` prints it: 32-bit words in the machine's order."""
    raw = bytes.fromhex(text)
    if sys.byteorder == "little":
        raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    return ipaddress.ip_address(raw)


def _tree(pid: int) -> list[int]:
    """``pid`` and every process below it (each thread's children), at most :data:`_MOST`."""
    found: list[int] = []
    todo = [pid]
    while todo and len(found) < _MOST:
        current = todo.pop()
        found.append(current)
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{current}/task"):
                with (
                    contextlib.suppress(OSError, ValueError),
                    open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle,
                ):
                    todo.extend(int(child) for child in handle.read().split())
    return found


def _sockets(pids: list[int]) -> set[int]:
    """The inodes of the sockets the processes ``pids`` hold open."""
    inodes: set[int] = set()
    for pid in pids:
        try:
            names = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for name in names:
            with contextlib.suppress(OSError, ValueError):
                target = os.readlink(f"/proc/{pid}/fd/{name}")
                if target.startswith("socket:["):
                    inodes.add(int(target[8:-1]))
    return inodes
