"""One plugin's child as the fork server sees it: its request, descriptors, records so far, and
the page its driver writes the current step's end to (bounded: ``start_clock``)."""

from __future__ import annotations

import contextlib
import mmap
import os

from . import pids_cgroup
from .channel import CLOCK
from .constants import BETWEEN, CLOCK_WRITES, GRACE, SETTLE, SETUP_DEADLINE
from .processes import command, process_group

TYPE_CHECKING = False  # typing is not imported at run time: one module less in every child
if TYPE_CHECKING:  # the protocol's types: checked by mypy, never imported in the target
    from typing import Any

    Msg = dict[str, Any]


class Job:
    def __init__(self, request: Msg, page: int = -1) -> None:
        self.request = request
        self.id = request["id"]
        self.pid = 0
        self.tmp = ""
        self.slot = ""
        self.cgroup: str | None = None
        """A ``pids`` cgroup of its own it moves itself into; ``None`` in its ``cell``'s."""
        self.cell: Any = None
        """The ``cells.Cell`` whose zygote made it (``None``: forked by the server)."""
        self.pipe = -1
        self.pidfd = -1
        self.buffer = b""
        self.received = 0
        self.messages: list[bytes] = []
        self.current: Msg | None = None
        self.ended = False
        self.eof = False
        self.shared = mmap.mmap(page, CLOCK.size)
        """The step clock's page: anonymous and shared with a child the server forks, or a
        ``memfd`` the zygote's child maps (``page``)."""
        self.asked: float | None = None
        self.asked_clock = 0.0
        self.step_limit = 0.0
        self.moves_left = 0
        self.seen = 0.0
        self.bound = 0.0
        self.killed = False
        self.started = 0.0
        self.exit_where: Any = None
        self.token = os.urandom(16).hex()
        """Unguessable, made just before this child is forked: a sibling forked earlier never
        saw it, and later ones get it removed from their copy of the server (``_forget``)."""
        self.rejected = 0
        self.rejected_sample = ""
        self.rejected_step: Msg | None = None

    def start_clock(self, now: float) -> None:
        """Bound how far this child may move its own deadline. The page is writable by the
        plugin too (it runs in the child), so the server never takes a value as it stands: a new
        value counts from when the server first sees it and for one step's limit at most, and
        only a fixed number of moves (what the request's steps need) is followed at all."""
        request = self.request
        self.step_limit = float(request.get("deadline", 0.0)) + max(SETTLE, 1.0, BETWEEN) + GRACE
        lifecycle = request.get("lifecycle") or {}
        calls = (lifecycle.get("calls") or []) if isinstance(lifecycle, dict) else []
        self.moves_left = CLOCK_WRITES + 4 * len(calls)
        self.seen = self.bound = now + SETUP_DEADLINE
        CLOCK.pack_into(self.shared, 0, self.seen)

    def clock(self, now: float) -> float:
        """When the current step must end, as far as the server lets the child say."""
        page = float(CLOCK.unpack_from(self.shared, 0)[0])
        if page != self.seen:
            self.seen = page
            if self.moves_left > 0:
                self.moves_left -= 1
                self.bound = min(page, now + self.step_limit)
        return self.bound

    def deadline(self, now: float) -> float:
        """When the current step must end; once asked for its stacks, shortly after that."""
        clock = self.clock(now)
        if self.asked is not None:
            if clock == self.asked_clock:
                return self.asked + GRACE
            self.asked = None  # it moved on to another step after all: forget that dump
            with contextlib.suppress(OSError):
                os.truncate(os.path.join(self.tmp, "fault"), 0)
        return clock

    def cgroup_path(self) -> str | None:
        """The ``pids`` cgroup its processes are born or moved in (its cell's or its own)."""
        return self.cgroup or (self.cell.cgroup if self.cell is not None else None)

    def held(self) -> set[int]:
        """The processes in its ``pids`` cgroup. Its child may have ended and handed them to
        the server before another job's sweep, which spares them: they are what its own look
        (``left_behind``) finds. Before, that sweep killed them first, and whether
        census_forger's PC410 was reported depended on which child the server saw end first
        (two runs in three at a load of 20 missed it; ``tests/test_hostile_sweep.py``)."""
        cgroup = self.cgroup_path()
        return (pids_cgroup.members(cgroup) or set()) if cgroup else set()

    def left_behind(self) -> list[str]:
        """(its process ended, before the group kill) The processes still in its ``pids``
        cgroup besides its own: what it left running, in its process group (a plain child its
        own census may have hidden) or outside it (``setsid``, ``setpgid``, a ``clone`` with
        ``CLONE_PARENT`` then ``setsid``), seen from outside its process, whatever its own
        census said. Nobody but the server kills them before it looks, and another job's sweep
        spares them (``held``). Empty where it has no cgroup."""
        zygote = self.cell.zygote.pid if self.cell is not None and self.cell.zygote else -1
        return sorted(
            command(pid)
            for pid in self.held()
            if pid not in (zygote, self.pid) and process_group(pid) is not None
        )
