"""Asks the kernel for the interfaces a sandbox escape usually starts from, each by its raw
system call: io_uring, userfaultfd, bpf, the keyring, perf events, file handles, a new user
namespace through clone3, and seccomp's user notification on a process of its own."""

import ctypes
import os

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
CALLS = {
    "x86_64": {
        "io_uring_setup": (425, 8, 0),
        "userfaultfd": (323, 0),
        "bpf": (321, 0, 0, 0),
        "keyctl": (250, 0, -3, 0),  # KEYCTL_GET_KEYRING_ID of the session keyring
        "add_key": (248, 0, 0, 0, 0, -3),
        "perf_event_open": (298, 0, 0, -1, -1, 0),
        "open_by_handle_at": (304, -100, 0, 0),
        "clone3": (435, 0, 0),
        "unshare": (272, 0x10000000),  # CLONE_NEWUSER
    },
    "aarch64": {
        "io_uring_setup": (425, 8, 0),
        "userfaultfd": (282, 0),
        "bpf": (280, 0, 0, 0),
        "keyctl": (219, 0, -3, 0),
        "add_key": (217, 0, 0, 0, 0, -3),
        "perf_event_open": (241, 0, 0, -1, -1, 0),
        "open_by_handle_at": (265, -100, 0, 0),
        "clone3": (435, 0, 0),
        "unshare": (97, 0x10000000),
    },
}


def _reached():
    reached = []
    for name, (number, *args) in CALLS.get(os.uname().machine, {}).items():
        result = libc.syscall(ctypes.c_long(number), *(ctypes.c_long(a) for a in args))
        if result >= 0 or ctypes.get_errno() not in (1, 13, 38):  # EPERM, EACCES, ENOSYS
            reached.append(f"{name} (errno {ctypes.get_errno()})")
    return reached


class P:
    def init(self, config):  # expect: PC405
        raise RuntimeError(f"reached: {_reached()}")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
