"""One plugin's child as the fork server sees it: its request, descriptors, records so far, the
page its driver writes the current step's end to (bounded: ``start_clock``), and how long the
machine kept it off the processors (``starvation``: what its deadlines grow by)."""

from __future__ import annotations

import contextlib
import mmap
import os
import re
import threading

from . import pids_cgroup
from .channel import CLOCK
from .constants import BETWEEN, CLOCK_WRITES, FAULT_HEAD, GRACE, GRACE_MOST, SETTLE, SETUP_DEADLINE
from .processes import command, process_group
from .scratch import read_file
from .starvation import Allowance, beyond

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
        self.memory: str | None = None
        """A ``memory`` cgroup of its own it moves itself into; ``None`` in its ``cell``'s."""
        self.cpu: str | None = None
        """A ``cpu`` cgroup of its own it moves itself into; ``None`` in its ``cell``'s."""
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
        self.limit = 0.0
        """How long the current step may take (its deadline), as the server first saw it."""
        self.allowance: Allowance | None = None
        """What the current step's deadline grows by (set once its process is known)."""
        self.grace: Allowance | None = None
        self.waited = 0.0
        """What the step asked for its stacks last had its deadline extended by (starvation)."""
        self.late_fault = ""
        """The stacks asked for when a step was late, kept when the child moved on after all (a
        step that returned late: they are its location)."""
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
        self.limit = SETUP_DEADLINE
        CLOCK.pack_into(self.shared, 0, self.seen)
        zygote = self.cell.zygote.pid if self.cell is not None and self.cell.zygote else -1
        self.allowance = Allowance(self.pid, lambda: self.held() - {zygote})
        self.allowance.start(now)
        self.grace = Allowance(self.pid, lambda: self.held() - {zygote})

    def clock(self, now: float) -> float:
        """When the current step must end, as far as the server lets the child say (without
        what starvation adds: ``deadline``)."""
        page = float(CLOCK.unpack_from(self.shared, 0)[0])
        if page != self.seen:
            self.seen = page
            if self.moves_left > 0:
                self.moves_left -= 1
                self.bound = min(page, now + self.step_limit)
                self.limit = self.bound - now
                if self.allowance is not None:
                    self.allowance.start(now)
        return self.bound

    def deadline(self, now: float) -> float:
        """When the current step must end: its clock, later by the time others kept it off the
        processors (at most ``starvation.CAP`` times its deadline in all). Once asked for its
        stacks: when they are written, at least ``GRACE`` and at most ``GRACE_MOST`` later."""
        clock = self.clock(now)
        if self.asked is not None:
            if clock == self.asked_clock:
                return self._grace_end(now)
            # It moved on after all (a step that returned late): that dump is the late step's.
            self.asked = None
            path = os.path.join(self.tmp, "fault")
            self.late_fault = read_file(path, head=FAULT_HEAD) or self.late_fault
            with contextlib.suppress(OSError):
                os.truncate(path, 0)
        if self.allowance is None:
            return clock
        extra = self.allowance.grant(now, beyond(self.limit))
        if now >= clock + extra:  # late so far: a look now, before it is asked for its stacks
            extra = self.allowance.grant(now, beyond(self.limit), fresh=True)
        return clock + extra

    def ask(self, now: float) -> None:
        """The step is late: its stacks are asked for (``SIGUSR1``) now."""
        self.asked = now
        self.asked_clock = self.clock(now)
        allowance = self.allowance
        self.waited = allowance.grant(now, beyond(self.limit)) if allowance is not None else 0.0
        if self.grace is not None:
            self.grace.start(now, first=0.0)

    def _grace_end(self, now: float) -> float:
        """Its stacks asked for at ``asked``: killed once they are written (faulthandler's
        whole dump) or the child ended, ``GRACE`` at the earliest; where they are not, later
        by the time others kept it off the processors meanwhile, ``GRACE_MOST`` at the latest.
        A plugin that ignores ``SIGUSR1`` or writes its fault file itself gains nothing but
        that bound."""
        assert self.asked is not None
        end = self.asked + GRACE
        extra = self.grace.grant(now, GRACE_MOST - GRACE) if self.grace is not None else 0.0
        if now < end or not _dumped(os.path.join(self.tmp, "fault"), _MAIN):
            return end + extra
        return now

    def cgroups(self) -> dict[str, str | None]:
        """The cgroups of its own its child moves itself into (its request's keys)."""
        return {"pids_cgroup": self.cgroup, "memory_cgroup": self.memory, "cpu_cgroup": self.cpu}

    def oom_kills(self) -> int:
        """(its processes ended) How many of its processes the OOM killer of its ``memory``
        cgroup ended: it held as much as plugcheck lets a plugin's processes hold together."""
        cell = self.cell
        if self.memory is not None or cell is None or cell.memory is None:
            return pids_cgroup.oom_kills(self.memory)
        before, cell.oom_kills = cell.oom_kills, pids_cgroup.oom_kills(cell.memory)
        return int(cell.oom_kills - before)

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


_MAIN = threading.main_thread().ident or 0
"""The server's main thread, of which each child's main thread is a copy (its ident too)."""
_HEADER = re.compile(r"^(?:Current thread|Thread) 0x([0-9a-fA-F]+) ")
_TAIL = 8192


def _dumped(path: str, main: int) -> bool:
    """Whether the faulthandler dump that ends the file at ``path`` is whole: faulthandler lists
    the newest thread first and the main thread last, down to its outermost frame (the script's
    ``<module>``) or to its own cut (``  ...``), or it stops at its thread limit (``...``).
    Read as every file of a child's (``read_file``: a link, a FIFO or a device is no dump)."""
    tail = read_file(path, tail=_TAIL)
    lines = tail.splitlines()
    if not tail.endswith("\n") or not lines:
        return False
    last = lines[-1]
    if last == "...":
        return True
    for line in reversed(lines):
        header = _HEADER.match(line)
        if header:
            whole = last.endswith(" in <module>") or last == "  ..."
            return whole and int(header[1], 16) == main
    return False
