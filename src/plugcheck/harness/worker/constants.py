"""The harness's numbers: deadlines, sizes, quotas and exit statuses, shared by every role (and
read by plugcheck's runner for the exit statuses and the temp-dir prefix)."""

from __future__ import annotations

from .quota import LIMIT

GRACE = 0.25
"""Seconds at least between asking a late child for its stacks (SIGUSR1) and killing its group
(then as soon as they are written; ``GRACE_MOST`` at the latest)."""
SETUP_DEADLINE = 10.0
BETWEEN = 2.0
"""Seconds the harness may take between two steps (its own bookkeeping)."""
STDOUT_HEAD = 200
STDERR_TAIL = 2000
FAULT_HEAD = 16000
MESSAGE_LIMIT = 1 << 20
PROCESS_QUOTA = LIMIT
"""Processes a plugin's process tree may have alive at once besides its first (``quota.py``)."""
SETTLE = 0.5
"""Seconds after shutdown that threads and children get to finish before they count as leaks."""
CLOCK_WRITES = 33
"""How many moves of a child's deadline (its page) the server follows, plus four per host call:
the harness writes it twice per step (its start, then BETWEEN) for at most 14 steps, once for
the census at the host's exit and once at the end. The plugin can write the page too; past this
count the server ignores it."""
LOST_EXIT = 75
"""Exit status of a child whose result pipe was closed or replaced by the plugin."""
HARNESS_EXIT = 70
"""Exit status of a child in which the harness itself failed (a plugcheck bug)."""
TEMP_PREFIX = "plugcheck-harness-"
NOFILE = 1024
"""RLIMIT_NOFILE of a plugin process (soft and hard)."""
SWEEP_DEADLINE = 5.0
"""Seconds the server spends at most killing orphaned descendants after a plugin ends."""
SCRATCH_FREE = 1 << 30
"""Per-plugin directories go to /dev/shm (tmpfs, cheap) only when it has this much room."""
POLL = 0.05
"""How often the server reads its children's pipes and clocks (children never wake it)."""
HEARTBEAT = 0.5
"""Seconds between two ``alive`` lines to plugcheck when nothing else was sent: its proof that
the server still runs (plugcheck reads with a deadline)."""
REJECTED_SAMPLE = 200
"""Bytes of the first record a child's channel carried without its token, kept as evidence."""
GRACE_MOST = 2.0
"""Seconds at most between asking a late child for its stacks and killing its group, however
starved it is while it writes them (``job.Job._grace_end``)."""
