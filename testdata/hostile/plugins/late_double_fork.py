"""shutdown() fails after a double fork whose first child works a while before it makes the
survivor, as a first child held off the processor on a loaded machine does (stop 47's CI): the
survivor, made by shutdown()'s fork, is shutdown()'s (its PC408), never what the finalizers
left running (PC421). Before, the census before the object was dropped saw only the first
child, and the survivor that came back to the plugin's process while the finalizer ran was
counted as the finalizer's."""

import os
import time


class P:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC408
        if os.fork() == 0:
            os.setsid()
            busy = time.monotonic() + 0.02
            while time.monotonic() < busy:
                pass
            if os.fork() == 0:
                time.sleep(30)
            os._exit(0)
        raise RuntimeError("shutdown failed for real")

    def __del__(self):
        time.sleep(0.2)  # slow, and starts nothing


def new():
    return P()
