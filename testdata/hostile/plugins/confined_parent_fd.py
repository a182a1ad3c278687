"""Opens the harness worker's descriptors through /proc/<ppid>/fd (its result pipe is there)."""

import os


class P:
    def init(self, config):  # expect: PC420
        parent = os.getppid()
        self.stolen = []
        for name in os.listdir(f"/proc/{parent}/fd"):
            self.stolen.append(os.open(f"/proc/{parent}/fd/{name}", os.O_WRONLY))

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
