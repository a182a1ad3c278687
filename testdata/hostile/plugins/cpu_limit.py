"""Its process gets SIGXCPU, as the kernel sends it past RLIMIT_CPU (ten step deadlines of CPU
time, every thread counted: a thread per core on a machine with many cores). The host sets no
such limit: plugcheck's sandbox ended it, PC420, not a crash of the plugin's."""

import os
import signal


class P:
    def init(self, config):  # expect: PC420
        os.kill(os.getpid(), signal.SIGXCPU)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
