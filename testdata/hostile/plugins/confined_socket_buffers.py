"""Grows a socket's send buffer to the system's maximum and fills it: the kernel's socket
buffers are not counted in RLIMIT_AS, so 512 socket pairs (RLIMIT_NOFILE) could hold 8 GiB of
the machine's memory (net.core.wmem_max 4 MiB, doubled, per socket)."""

import socket


def _queued():
    mine, theirs = socket.socketpair()
    default = mine.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF)
    mine.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 64 << 20)
    grown = mine.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF) > default
    mine.setblocking(False)
    queued = 0
    try:
        while queued < 64 << 20:
            queued += mine.send(b"x" * 65536)
    except BlockingIOError:
        pass
    return f"grown: {grown}, queued {queued >> 20} MiB"


class P:
    def init(self, config):  # expect: PC405
        raise RuntimeError(_queued())

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
