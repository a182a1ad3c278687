"""Starts a helper in init() with a raw clone() whose exit signal is none (not SIGCHLD), and
leaves it running after shutdown(). A wait without ``__WALL`` does not see such a child: before,
the leak census took it for ended and the plugin passed (task harn46)."""

import ctypes
import os
import platform

SYS_CLONE = {"aarch64": 220}.get(platform.machine(), 56)


class P:
    def init(self, config):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        if libc.syscall(SYS_CLONE, 0, 0, 0, 0, 0) == 0:
            os.execv("/bin/sleep", ["sleep", "30"])

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC410
        pass


def new():
    return P()
