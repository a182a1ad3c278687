"""The kernel interface: prctl(2) and syscall(2) through ctypes."""

from __future__ import annotations

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_DUMPABLE = 4
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_PR_GET_SECCOMP = 21
_CAPSET = {"x86_64": 126, "aarch64": 91}
_CAP_VERSION_3 = 0x20080522


class _Kernel:
    """prctl(2) and syscall(2) through ctypes, typed once (a call then costs about 1 us)."""

    def __init__(self) -> None:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        self.prctl = libc["prctl"]
        self.prctl.restype = ctypes.c_int
        self.prctl.argtypes = [ctypes.c_int, *[ctypes.c_ulong] * 4]
        self.syscalls = []
        for arity in range(5):  # variadic: one typed function pointer per arity
            fn = libc["syscall"]
            fn.restype = ctypes.c_long
            fn.argtypes = [ctypes.c_long] * (arity + 1)
            self.syscalls.append(fn)
        self.buffer = ctypes.create_string_buffer
        self.address = ctypes.addressof

    def syscall(self, number: int, *args: int) -> int:
        return int(self.syscalls[len(args)](number, *args))


_KERNEL: list[_Kernel] = []


def _kernel() -> _Kernel:
    if not _KERNEL:
        _KERNEL.append(_Kernel())
    return _KERNEL[0]


def _prctl(option: int, *args: int) -> int:
    return int(_kernel().prctl(option, *[*args, 0, 0, 0, 0][:4]))
