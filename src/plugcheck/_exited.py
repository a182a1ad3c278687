"""Waiting for a child process to end, woken the moment it does.

``subprocess.Popen.wait(timeout)`` polls on POSIX: between its looks it sleeps 0.5 ms, doubling
up to 50 ms, so a child that ends is noticed up to 50 ms late. plugcheck waits so for every fork
server's exit and every sandboxed worker (the pluggy and setup-function passes, exec plugins):
one check of one pluggy plugin waited about 75 ms longer than its processes ran (issue 18, item
4). Where Linux has pidfds (5.3 and later), :func:`wait` sleeps in ``poll`` on the child's
pidfd, which the kernel wakes when the child exits; elsewhere it is ``Popen.wait``.
"""

from __future__ import annotations

import math
import os
import select
import subprocess
from typing import Any


def wait(popen: subprocess.Popen[Any], timeout: float | None) -> int:
    """``popen.wait(timeout)``: the return code, or ``subprocess.TimeoutExpired`` past
    ``timeout`` seconds, noticed as soon as the child ends."""
    if timeout is not None and popen.returncode is None:
        try:
            pidfd = os.pidfd_open(popen.pid)
        except (AttributeError, OSError):  # no pidfds here, or the child is already reaped
            pass
        else:
            try:
                poller = select.poll()
                poller.register(pidfd, select.POLLIN)
                poller.poll(max(0, math.ceil(timeout * 1000)))
            finally:
                os.close(pidfd)
            timeout = 0  # ended, or the time is up: one last look, as Popen's own loop
    return popen.wait(timeout)
