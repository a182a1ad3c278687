"""Slows down the plugin running next to it without a signal: the kernel lets a process change
the scheduling of any process of the same user (SCHED_IDLE, nice 19, one CPU, the idle I/O
class), and every plugin process of a run has the same user. Its own process must keep these
calls (0 or its own pid)."""

import ctypes
import os
import time

libc = ctypes.CDLL(None, use_errno=True)
IOPRIO_WHO_PROCESS, IOPRIO_IDLE = 1, 3 << 13
IOPRIO_SET = {"x86_64": 251, "aarch64": 30}.get(os.uname().machine)


def _sibling():
    mine = {os.getpid(), os.getppid(), 1}
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        for entry in os.listdir("/proc"):
            if entry.isdigit() and int(entry) not in mine:
                try:
                    with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                        if b"__main__.py" in cmdline.read():
                            return int(entry)
                except OSError:
                    continue
        time.sleep(0.05)
    return None


def _ioprio(pid):
    if IOPRIO_SET is None or libc.syscall(IOPRIO_SET, IOPRIO_WHO_PROCESS, pid, IOPRIO_IDLE):
        raise OSError(ctypes.get_errno(), "ioprio_set")


def _calls(pid):
    return {
        "idle": lambda: os.sched_setscheduler(pid, os.SCHED_IDLE, os.sched_param(0)),
        "nice": lambda: os.setpriority(os.PRIO_PROCESS, pid, 19),
        "affinity": lambda: os.sched_setaffinity(pid, sorted(os.sched_getaffinity(pid))[:1]),
        "io": lambda: _ioprio(pid),
    }


def _reach():
    for pid in (0, os.getpid()):  # its own process: as in the host
        for call in _calls(pid).values():
            call()
    pid = _sibling()
    if pid is None:
        return "no sibling seen"
    reached = []
    for name, call in _calls(pid).items():
        try:
            call()
            reached.append(name)
        except OSError:
            pass
    try:
        os.setpriority(os.PRIO_USER, 0, 19)  # every process of its user it can see
        reached.append("user")
    except OSError:
        pass
    return f"reached: {reached}"


class P:
    def init(self, config):
        raise RuntimeError(_reach())

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
