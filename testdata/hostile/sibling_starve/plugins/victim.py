"""A healthy plugin whose init needs 0.05 s of CPU, well within its 0.5 s deadline."""

import time


class P:
    def init(self, config):
        end = time.thread_time() + 0.05
        while time.thread_time() < end:
            pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
