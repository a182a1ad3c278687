"""How long the fork server may say nothing before plugcheck counts it as hung: ``SILENCE``
seconds, later by the time the machine kept it off the processors (``worker/starvation.py``,
at most ``starvation.CAP`` times that in all). A server that is stopped or traced waits for no
processor and gains nothing; one starved on a loaded machine is not lost for it."""

from __future__ import annotations

import time

from plugcheck.harness.worker import starvation


def server_pid(started: int, namespaced: bool) -> int:
    """The process that writes the server's lines: the one plugcheck started, or in a PID
    namespace of its own its only child (the first process there; the one started waits)."""
    if not namespaced:
        return started
    try:
        with open(f"/proc/{started}/task/{started}/children", encoding="ascii") as children:
            found = children.read().split()
    except OSError:
        return started
    return int(found[0]) if len(found) == 1 else started


class Silence:
    """The server's silence since its last line, against ``seconds``."""

    def __init__(self, pid: int, seconds: float) -> None:
        self.pid = pid
        self.seconds = seconds
        self.since = time.monotonic()
        self.first: starvation.Look | None = None
        self.kept = 0.0
        """Seconds of it the machine kept the server waiting for a processor (granted)."""

    def heard(self) -> None:
        self.since = time.monotonic()
        self.first = None
        self.kept = 0.0

    def over(self) -> bool:
        """(while it says nothing) Whether it has been silent too long. Its first look comes at
        the first quiet moment; later ones only once ``seconds`` have passed."""
        quiet = time.monotonic() - self.since
        if self.first is None:
            self.first = starvation.look(self.pid, alone=True)
        if quiet <= self.seconds:
            return False
        seen = starvation.look(self.pid, alone=True)
        if seen is not None and self.first is not None:
            kept = starvation.kept_off(self.first, seen)
            self.kept = max(self.kept, min(kept, starvation.beyond(self.seconds)))
        return quiet > self.seconds + self.kept
