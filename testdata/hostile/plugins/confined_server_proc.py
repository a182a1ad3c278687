"""Reads the fork server's memory map, environment, stack, working directory and root through
/proc/<ppid>, and joins its namespaces (setns): each needs ptrace access to the server."""

import ctypes
import os

libc = ctypes.CDLL(None, use_errno=True)


class P:
    def init(self, config):  # expect: PC405
        server = os.getppid()
        reached = []
        for name in ("maps", "environ", "stack", "auxv", "cwd/.", "root/etc/hostname"):
            try:
                with open(f"/proc/{server}/{name}", "rb") as handle:
                    handle.read(1)
                reached.append(name)
            except OSError:
                pass
        for name in ("mnt", "user", "pid", "net"):
            try:
                fd = os.open(f"/proc/{server}/ns/{name}", os.O_RDONLY)
            except OSError:
                continue
            if libc.setns(fd, 0) == 0:
                reached.append(f"ns/{name}")
            os.close(fd)
        raise RuntimeError(f"reached: {reached}")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
