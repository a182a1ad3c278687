"""Starts a helper in init() through the C library's fork (as a C extension or a native library
does), which no audit event announces, and leaves it running after shutdown(). The leak census
asks the kernel whether the process has children at all, not the audit hook's count of the
forks it saw: before, a helper forked this way outlived the host and the plugin passed
(task harn46)."""

import ctypes
import os


class P:
    def init(self, config):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.fork() == 0:
            os.execv("/bin/sleep", ["sleep", "30"])

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC410
        pass


def new():
    return P()
