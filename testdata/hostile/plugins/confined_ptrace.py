"""Attaches to the harness worker (its parent) with ptrace, to rewrite its memory."""

import ctypes
import os

PTRACE_ATTACH, PTRACE_DETACH = 16, 17


class P:
    def init(self, config):  # expect: PC405
        libc = ctypes.CDLL(None, use_errno=True)
        parent = os.getppid()
        if libc.ptrace(PTRACE_ATTACH, parent, None, None) != 0:
            raise PermissionError(ctypes.get_errno(), "ptrace attach to the worker refused")
        libc.ptrace(PTRACE_DETACH, parent, None, None)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
