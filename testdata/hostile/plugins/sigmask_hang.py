"""Blocks SIGUSR1 (the harness's stack dump), SIGTERM and SIGINT, then hangs."""

import signal
import time


class P:
    def init(self, config):  # expect: PC405
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1, signal.SIGTERM, signal.SIGINT})
        time.sleep(60)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
