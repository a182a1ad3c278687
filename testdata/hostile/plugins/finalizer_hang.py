"""Leaves an object whose finalizer never returns, then fails init(): the failure is reported,
and the child that hangs in the finalizer afterwards does not hold up the run."""
import time


class Hang:
    def __del__(self):
        while True:
            time.sleep(1)


KEEP = []


class P:
    def init(self, config):  # expect: PC405
        KEEP.append(Hang())
        KEEP.append(KEEP)  # a cycle: finalized by the collector, or at exit
        raise RuntimeError("broken")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
