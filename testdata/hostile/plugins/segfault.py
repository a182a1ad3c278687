"""Dereferences NULL through ctypes in run()."""
import ctypes


class P:
    def init(self, config):
        pass

    def run(self):  # expect: PC407
        ctypes.string_at(0)

    def shutdown(self, timeout):
        pass


def new():
    return P()
