"""Looks in /proc for another plugin's process running next to it and attaches to it with
ptrace: from there it could write that plugin's records (its token and socket are in its
memory) and make a broken plugin pass."""

import ctypes
import os
import time

PTRACE_ATTACH, PTRACE_DETACH = 16, 17


def _siblings():
    mine = {os.getpid(), os.getppid(), 1}
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in mine:
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                    if b"__main__.py" in cmdline.read():
                        found.append(int(entry))
            except OSError:
                continue
    return found


def _attach():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        for pid in _siblings():
            if libc.ptrace(PTRACE_ATTACH, pid, None, None) == 0:
                libc.ptrace(PTRACE_DETACH, pid, None, None)
                return f"attached to process {pid}"
            return f"refused: {os.strerror(ctypes.get_errno())}"
        time.sleep(0.05)
    return "no sibling seen"


class P:
    def init(self, config):
        raise RuntimeError(_attach())

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
