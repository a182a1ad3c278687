"""Starts threads with small stacks until it cannot: as root no RLIMIT_NPROC binds it, only
the address-space limit and, where one can be made, its pids cgroup."""

import threading


class P:
    def init(self, config):  # expect: PC405
        threading.stack_size(32768)
        stop = threading.Event()
        for _ in range(30000):
            threading.Thread(target=stop.wait, daemon=True).start()

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
