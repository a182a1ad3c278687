"""Installs a seccomp filter of its own that fails every write(2) once init has returned: the
harness can no longer report the later steps, and the plugin hopes silence passes."""

import ctypes
import struct

libc = ctypes.CDLL(None, use_errno=True)
WRITE = {"x86_64": 1, "aarch64": 64}


def _no_writes():
    import os

    number = WRITE[os.uname().machine]
    ops = [
        (0x20, 0, 0, 0),
        (0x15, 0, 1, number),
        (0x06, 0, 0, 0x00050000 | 1),
        (0x06, 0, 0, 0x7FFF0000),
    ]
    code = b"".join(struct.pack("=HBBI", *op) for op in ops)
    program = ctypes.create_string_buffer(code, len(code))
    prog = ctypes.create_string_buffer(
        struct.pack("=HxxxxxxQ", len(ops), ctypes.addressof(program))
    )
    libc.prctl(22, 2, prog, 0, 0)  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER (under no-new-privs)


class P:
    def init(self, config):
        pass

    def run(self):  # expect: PC407
        _no_writes()

    def shutdown(self, timeout):
        pass


def new():
    return P()
