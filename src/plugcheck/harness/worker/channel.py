"""The result channel between a child and the server: one Unix socket per child (a pipe's
``/proc/<pid>/fd/N`` could be opened by a sibling, a socket's cannot), every record stamped with
the child's unguessable token and plugin id, and a shared page holding the current step's end.
The stamp is the record's fixed first bytes (:func:`stamp`): the server checks and strips it
without decoding the record, and forwards what plugcheck decodes anyway as it was written."""

from __future__ import annotations

import json
import mmap
import os
import struct
import threading
import time

from .describe import safe_str

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from typing import Any

    from plugcheck.harness.protocol import ChildRecord

    Msg = dict[str, Any]

_loads = json.loads
_write = os.write
_monotonic = time.monotonic
_isinstance = isinstance

# One encoder for every record: json.dumps(default=...) builds a new JSONEncoder per call (the
# same output; about a quarter of a record's encoding, some 20 records in every child).
_encode = json.JSONEncoder(default=safe_str).encode

CLOCK = struct.Struct("d")
"""The shared page between server and child: the monotonic time the current step must end."""


class Channel:
    """The child's end: writes stamped records, one line at a time, and sets the step clock."""

    def __init__(self, fd: int, request: Msg) -> None:
        self.fd = fd
        self.stamp = stamp(request.get("token", ""), request.get("id"))
        """Every record's first bytes: the server drops records without this child's token."""
        self.lost = False
        self.shared: mmap.mmap | None = None
        self.sending = threading.Lock()
        self.pid = os.getpid()

    def send(self, message: ChildRecord) -> None:
        if self.lost or os.getpid() != self.pid:
            return  # the pipe is gone, or this is a process the plugin forked
        try:
            # ASCII (ensure_ascii), one object: its "{" gives way to the stamp's
            data = self.stamp + _encode(message)[1:].encode("ascii") + b"\n"
            with self.sending:  # plugin threads report stdout writes too: one line at a time
                while data:
                    written = _write(self.fd, data)
                    data = data[written:]
        except BaseException:  # the plugin closed or replaced our pipe
            self.lost = True

    def clock(self, limit: float) -> float:
        """Tell the server (through shared memory, no wake-up) when this step must end: then."""
        end = _monotonic() + limit
        if self.shared is not None:
            CLOCK.pack_into(self.shared, 0, end)
        return end


def stamp(token: str, plugin: object) -> bytes:
    """The first bytes of every record of the child that runs ``plugin`` with ``token``: a JSON
    object's opening with both keys, which the record's own keys follow."""
    return b'{"tok": %s, "id": %s, ' % (_encode(token).encode(), _encode(plugin).encode())


def accept(line: bytes, stamped: bytes) -> bytes | None:
    """The server's end: the record on ``line`` without its stamp (``stamp()``'s ``stamped``),
    as written, or None when it was not written by the harness in that child (another token,
    another plugin, no stamp). Not decoded: a well-formed stamp followed by a line that is no
    record is the plugin's own process's doing (it holds its token), judged by plugcheck."""
    if not line.startswith(stamped):
        return None
    return b"{" + line[len(stamped) :]


def decoded(record: bytes) -> Msg | None:
    """The record ``accept`` gave, decoded; None when it is no JSON object."""
    try:
        message: object = _loads(record)
    except (ValueError, RecursionError):
        # RecursionError: a line nested too deep to decode (a plugin's, never the harness's)
        # ended the fork server, and every plugin running then was run again (red team sand17)
        return None
    return message if isinstance(message, dict) else None  # (in the server: no plugin code)
