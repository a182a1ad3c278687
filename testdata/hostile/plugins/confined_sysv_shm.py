"""System V shared memory: segments outlive the process until removed (IPC_RMID), and any
process of the user can attach them by id."""

import ctypes

libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p


class P:
    def init(self, config):  # expect: PC405
        made = []
        for _ in range(4):
            sid = libc.shmget(0, 16 << 20, 0o1600)  # IPC_PRIVATE, IPC_CREAT | 0600
            if sid < 0:
                raise RuntimeError(f"shmget refused: errno {ctypes.get_errno()}")
            address = libc.shmat(sid, None, 0)
            ctypes.memset(address, 1, 16 << 20)
            libc.shmdt(ctypes.c_void_p(address))
            made.append(sid)
        raise RuntimeError(f"left segments {made}")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
