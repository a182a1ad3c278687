"""Starts a helper that leaves the plugin's process group for the fork server's (setpgid to a
group of the same session is allowed): the group kill at the end misses it, and it hopes to
outlive the run."""

import os
import time


class P:
    def init(self, config):
        pid = os.fork()
        if pid == 0:
            try:
                os.setpgid(0, os.getpgid(1))  # the server: PID 1 in its own PID namespace
            except OSError:
                pass
            time.sleep(30)
            os._exit(0)

    def run(self):
        pass

    def shutdown(self, timeout):  # expect: PC410
        pass


def new():
    return P()
