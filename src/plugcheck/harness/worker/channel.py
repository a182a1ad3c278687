"""The result channel between a child and the server: one Unix socket per child (a pipe's
``/proc/<pid>/fd/N`` could be opened by a sibling, a socket's cannot), every record stamped with
the child's unguessable token and plugin id, and a shared page holding the current step's end."""

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
        self.stamp = {"tok": request.get("token", ""), "id": request.get("id")}
        """Carried by every record: the server drops records without this child's token."""
        self.lost = False
        self.shared: mmap.mmap | None = None
        self.sending = threading.Lock()
        self.pid = os.getpid()

    def send(self, message: ChildRecord) -> None:
        if self.lost or os.getpid() != self.pid:
            return  # the pipe is gone, or this is a process the plugin forked
        try:
            stamped = {**message, **self.stamp}
            data = (_encode(stamped) + "\n").encode("utf-8", "replace")
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


def accept(line: bytes, token: str, plugin: str) -> Msg | None:
    """The server's end: the record on ``line`` without its stamp, or None when it was not
    written by the harness in that child (no record, another token, another plugin)."""
    try:
        message: object = _loads(line)
    except (ValueError, RecursionError):
        # RecursionError: a line nested too deep to decode (a plugin's, never the harness's)
        # ended the fork server, and every plugin running then was run again (red team sand17)
        return None
    if not isinstance(message, dict):  # runs in the server, where no plugin code runs
        return None
    if message.pop("tok", None) != token or message.pop("id", None) != plugin:
        return None
    return message
