"""Stops its own process (SIGSTOP) and stays stopped: a stopped process takes the harness's
request for its stacks (SIGUSR1) only once it runs again, so the timeout had no location."""

import os
import signal


class P:
    def init(self, config):  # expect: PC405
        os.kill(os.getpid(), signal.SIGSTOP)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
        signal.sigwait({signal.SIGUSR2})

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
