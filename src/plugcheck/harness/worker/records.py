"""A child's records as the fork server takes them from its buffer: each checked for the
child's stamp; a step's end and its facts, most of them, kept as written for plugcheck (which
decodes each alone: ``answers.py``); the step starts, the exit and the end are the server's."""

from __future__ import annotations

import contextlib
import json

from .channel import accept, decoded, stamp
from .constants import REJECTED_SAMPLE
from .job import Job

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from typing import Any

_dumps = json.JSONEncoder(default=str).encode
_loads = json.loads
_isinstance = isinstance
_DONE = b'{"t": "done", '
_FACTS = b'{"t": "facts", '
"""How the records kept undecoded begin: the child's encoder puts ``t`` first."""


def take(job: Job) -> None:
    """Take every whole line of ``job``'s buffer."""
    stamped = stamp(job.token, job.id)
    while b"\n" in job.buffer:
        line, _, job.buffer = job.buffer.partition(b"\n")
        if job.ended:
            # The harness writes nothing after its `end`: what comes later is the plugin's
            # leftover work (a thread, a patched channel) rewriting its verdict, dropped.
            # Before, facts sent after it replaced the leak census's (red team sand15).
            continue
        record = accept(line, stamped)
        # A step's end and its facts, most of the records, go to plugcheck as written (it
        # decodes each, apart from the result: `_finish`); the others are the server's.
        if record is not None and record.startswith(_DONE):
            job.current = None
            job.messages.append(record)
            continue
        if record is not None and record.startswith(_FACTS):
            job.messages.append(record)
            continue
        message = decoded(record) if record is not None else None
        if message is None:
            # Not written by the harness in this child: a plugin forging records.
            job.rejected += 1
            if job.rejected == 1:
                shown: Any = line.decode("utf-8", "replace")
                with contextlib.suppress(ValueError, RecursionError):
                    shown = _loads(line)
                if _isinstance(shown, dict) and shown.pop("tok", None) == job.token:
                    shown.pop("id", None)
                job.rejected_sample = _dumps(shown)[:REJECTED_SAMPLE]
                job.rejected_step = job.current
            continue
        kind = message.get("t")
        if kind == "step":
            job.current = message  # kept, never forwarded: not serialised again
        elif kind == "done":  # (its keys in another order: the harness never writes so)
            job.current = None
            job.messages.append(_dumps(message).encode())
        elif kind == "facts":
            job.messages.append(_dumps(message).encode())
        elif kind == "exit":
            job.exit_where = message.get("where")
        elif kind == "end":
            job.ended = True
