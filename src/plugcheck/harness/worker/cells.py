"""One cell per concurrent plugin process (``--jobs``): a zygote of its own (``zygote.py``) that
sits in a ``pids`` cgroup of its own, so each plugin process it makes is born in that cgroup
instead of moving itself in. On a cgroup v1 hierarchy mounted without ``favordynmods`` every
move (a write to ``cgroup.procs``) waits for an RCU grace period: 7-14 ms of each plugin's
wall time at a load of 15 here, about 1.3 ms on a quiet machine, for 0.2 ms of CPU. The zygote
moves in once, when its cell is made.

A cell's cgroup is reused only while it holds nothing but its zygote: when a plugin leaves a
process in it (one the server could not sweep), the cell is retired, as is a cell whose
zygote is lost; a retired cell's plugins are forked by the server and each moves itself into a
``job-<id>`` cgroup of its own, as without cells."""

from __future__ import annotations

from . import pids_cgroup
from .zygote import Zygote
from .zygote import start as start_zygote

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


class Cell:
    def __init__(
        self, zygote: Zygote | None, cgroup: str | None, memory: str | None, cpu: str | None
    ) -> None:
        self.zygote = zygote
        """What makes this cell's plugin processes; ``None``: the server forks them."""
        self.cgroup = cgroup
        """The ``pids`` cgroup the zygote sits in, which its children are made in; ``None``:
        each child moves itself into a cgroup of its own (``job-<id>``), if one can be made."""
        self.memory = memory
        """The ``memory`` cgroup the zygote sits in, likewise (``None``: a ``job-<id>`` one)."""
        self.oom_kills = 0
        """Its OOM killer's count when the cell's last plugin process ended."""
        self.cpu = cpu
        """The ``cpu`` cgroup the zygote sits in, likewise (``None``: a ``job-<id>`` one)."""

    def retire(self, left: list[str]) -> None:
        """Stop making children here: kill the zygote, and leave the cgroup for removal when
        it is empty (``left``: the server's list it retries at the end)."""
        if self.zygote is not None:
            self.zygote.close(kill=True)
            self.zygote = None
        for cgroup in (self.cgroup, self.memory, self.cpu):
            if cgroup is not None and not pids_cgroup.remove(cgroup):
                left.append(cgroup)
        self.cgroup = self.memory = self.cpu = None

    def clean(self) -> bool:
        """Whether the cgroup holds no process but the zygote (a plugin's child swept)."""
        if self.cgroup is None or self.zygote is None:
            return True
        held = pids_cgroup.members(self.cgroup)
        return held is not None and held <= {self.zygote.pid}


def open_cells(
    count: int,
    base: str | None,
    child: Callable[[bytes, list[int], bool], None],
    server_only: tuple[int, ...],
    memory: tuple[str | None, int] = (None, 0),
    cpu: str | None = None,
) -> list[Cell]:
    """(server, last thing before it says ``ready``) ``count`` cells, each with a zygote in a
    cgroup of its own under ``base`` (``pids.max`` one above :data:`pids_cgroup.PIDS_MAX`: the
    zygote counts, the plugin keeps its 1,024) and, ``memory`` a base and a limit in bytes, a
    ``memory`` cgroup of its own, and under ``cpu`` a ``cpu`` cgroup of its own (``cpu_base``);
    none where no zygote can be made. A zygote closes
    ``server_only`` and the server's end of every earlier cell's zygote."""
    cells: list[Cell] = []
    for number in range(count):
        closed = (*server_only, *(c.zygote.sock.fileno() for c in cells if c.zygote))
        zygote = start_zygote(child, closed)
        if zygote is None:
            return cells
        cgroup = pids_cgroup.make(base, f"slot-{number}", pids_cgroup.PIDS_MAX + 1)
        if cgroup is not None and not pids_cgroup.enter(cgroup, zygote.pid):
            pids_cgroup.remove(cgroup)
            cgroup = None
        held = _entered(pids_cgroup.make(memory[0], f"slot-{number}", memory[1], "memory"), zygote)
        weighed = _entered(pids_cgroup.make(cpu, f"slot-{number}", 1, "cpu"), zygote)
        cells.append(Cell(zygote, cgroup, held, weighed))
    return cells


def _entered(cgroup: str | None, zygote: Zygote) -> str | None:
    """``cgroup`` once ``zygote`` is in it, else ``None`` (removed)."""
    if cgroup is not None and not pids_cgroup.enter(cgroup, zygote.pid):
        pids_cgroup.remove(cgroup)
        return None
    return cgroup


def cpu_base(jobs: int) -> str | None:
    """(server, as plugcheck's user, before its namespaces) The base of each plugin process's
    ``cpu`` cgroup: a cell's or a ``job-<id>`` one, each weighing one process of the machine's,
    and the base ``jobs`` of them. When the processors are short, a plugin's processes together
    then get the share one process gets, however many it starts: before, a plugin that started
    60 busy processes took nearly all of them from the plugin running next to it, whose healthy
    ``init`` then timed out past its deadline's 3x bound (PC405 caused by another plugin; red
    team red55, ``testdata/hostile/sibling_starve``)."""
    base = pids_cgroup.base("cpu")
    if base is not None and not pids_cgroup.weigh(base, jobs):
        pids_cgroup.remove(base)
        return None
    return base


def memory_limit(limits: dict[str, Any]) -> int:
    """What a plugin's processes hold together in its ``memory`` cgroup: twice what one may
    address (``RLIMIT_AS``) and its directory's tmpfs (charged to whoever writes it). Before,
    each process had its ``RLIMIT_AS`` alone, and a plugin's 16 processes (1,024 through
    ``ctypes``) could each take it: more than the machine has (red team red53)."""
    return 2 * int(limits["address_space"]) + int(limits.get("temp_size", 0))


def memory_bounded(cells: list[Cell], memory: tuple[str | None, int]) -> bool:
    """(server, once its confinement is prepared) Whether its plugin processes are born in, or
    move into, a ``memory`` cgroup: every cell's zygote sits in one, or without cells one can
    be made here now (the namespace fallback's too: through the folders it held before its
    read-only root, ``pids_cgroup.hold``)."""
    if cells:
        return all(cell.memory is not None for cell in cells)
    probe = pids_cgroup.make(memory[0], "probe", memory[1], "memory")
    return probe is not None and pids_cgroup.remove(probe)


def close_cells(cells: list[Cell], left: list[str]) -> None:
    for cell in cells:
        cell.retire(left)
