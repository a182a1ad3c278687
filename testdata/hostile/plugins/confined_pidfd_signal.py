"""Signals the fork server through a pidfd (pidfd_open, pidfd_send_signal), which Landlock's
signal scoping must cover as it covers kill(). SIGCONT: harmless if it got through, but a
SIGSTOP would have got through the same way."""

import ctypes
import os
import signal

libc = ctypes.CDLL(None, use_errno=True)
PIDFD_OPEN, PIDFD_SEND_SIGNAL = 434, 424  # the same on every architecture


class P:
    def init(self, config):  # expect: PC405
        fd = libc.syscall(PIDFD_OPEN, os.getppid(), 0)
        sent = fd >= 0 and libc.syscall(PIDFD_SEND_SIGNAL, fd, signal.SIGCONT, None, 0) == 0
        raise RuntimeError(f"sent: {sent}")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
