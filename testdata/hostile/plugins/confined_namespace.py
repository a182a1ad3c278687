"""Enters a new user namespace, where it would hold every capability."""

import ctypes

CLONE_NEWUSER = 0x10000000


class P:
    def init(self, config):  # expect: PC405
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(CLONE_NEWUSER) != 0:
            raise PermissionError(ctypes.get_errno(), "unshare(CLONE_NEWUSER) refused")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
