"""Address space held back from the plugin: a plugin that exhausts ``RLIMIT_AS`` (the
contract's ``lifecycle.memory``) leaves the harness too little to describe its MemoryError,
send the step's record and finish (the child would die mid-report and the run would blame
"the process stopped reporting"). The child maps an untouched anonymous region before its
limit is set (no page is ever written, so it costs no memory) and unmaps it on the first
MemoryError it describes."""

from __future__ import annotations

import mmap

SIZE = 16 << 20
"""Room for describing the failure and the rest of the child's reporting."""


class Reserve:
    def __init__(self) -> None:
        self.region: mmap.mmap | None = None

    def take(self) -> None:
        try:
            self.region = mmap.mmap(-1, SIZE, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
        except (OSError, ValueError):
            self.region = None

    def release(self) -> None:
        region, self.region = self.region, None
        if region is not None:
            try:
                region.close()
            except BaseException:
                return


RESERVE = Reserve()
