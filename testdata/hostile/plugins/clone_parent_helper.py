"""Starts its helper as its parent's child (clone with CLONE_PARENT) when it is initialised:
outside its own process tree, where no census of its looks, the helper outlives the host.
The seccomp filter ends such a process (PC420); where none is in force (the namespace
fallback's kernels), the fork server finds the helper in the plugin's process group (PC410,
tests/test_confine.py)."""

import ctypes
import os
import platform

CLONE_PARENT, SIGCHLD = 0x8000, 17
SYS_CLONE = {"aarch64": 220}.get(platform.machine(), 56)


class P:
    def init(self, config):  # expect: PC420
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        if libc.syscall(SYS_CLONE, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0) == 0:
            os.execv("/bin/sleep", ["sleep", "30"])

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
