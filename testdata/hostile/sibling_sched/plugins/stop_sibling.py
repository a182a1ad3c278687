"""Stops the plugin running next to it with a signal it never sends itself: SIGSTOP as the
plugin's SIGIO (F_SETOWN, F_SETSIG, O_ASYNC on a socket it then writes to), and kill(-1),
which signals every process the sender may signal."""

import fcntl
import os
import signal
import socket
import time

F_SETSIG = 10


def _siblings():
    mine = {os.getpid(), os.getppid(), 1}
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit() and int(entry) not in mine:
                try:
                    with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                        if b"__main__.py" in cmdline.read():
                            found.append(int(entry))
                except OSError:
                    continue
        if found:
            return found
        time.sleep(0.05)
    return []


def _state(pid):
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0]


def _stop():
    pids = _siblings()
    if not pids:
        return "no sibling seen"
    kept = []
    for pid in pids:
        mine, theirs = socket.socketpair()
        fcntl.fcntl(mine, fcntl.F_SETOWN, pid)
        fcntl.fcntl(mine, F_SETSIG, signal.SIGSTOP)
        fcntl.fcntl(mine, fcntl.F_SETFL, fcntl.fcntl(mine, fcntl.F_GETFL) | os.O_ASYNC)
        theirs.send(b"x")
        kept.append((mine, theirs))
    try:
        os.kill(-1, signal.SIGSTOP)
    except OSError:
        pass
    time.sleep(0.2)
    stopped = [pid for pid in pids if _state(pid) in ("T", "t")]
    for pid in stopped:
        os.kill(pid, signal.SIGCONT)
    return f"stopped: {stopped}"


class P:
    def init(self, config):
        raise RuntimeError(_stop())

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
