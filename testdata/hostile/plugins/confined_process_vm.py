"""Reads the harness worker's memory with process_vm_readv (no ptrace attach needed)."""

import ctypes
import os


class _Iovec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


class P:
    def init(self, config):  # expect: PC420
        parent = os.getppid()
        with open(f"/proc/{parent}/maps") as maps:
            start = int(maps.readline().split("-")[0], 16)
        buffer = ctypes.create_string_buffer(64)
        local = _Iovec(ctypes.addressof(buffer), 64)
        remote = _Iovec(start, 64)
        libc = ctypes.CDLL(None, use_errno=True)
        read = libc.process_vm_readv(parent, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
        if read < 0:
            raise PermissionError(ctypes.get_errno(), "process_vm_readv of the worker refused")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
