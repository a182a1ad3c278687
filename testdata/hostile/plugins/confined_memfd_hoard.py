"""Fills anonymous memory files (memfd_create): memory that RLIMIT_AS does not count while
unmapped, up to RLIMIT_FSIZE each, RLIMIT_NOFILE of them (16 GiB)."""

import os


class P:
    def init(self, config):  # expect: PC420
        self.fds = []
        chunk = b"x" * (1 << 20)
        for n in range(40):
            fd = os.memfd_create(f"hoard{n}")
            self.fds.append(fd)
            for _ in range(16):
                os.write(fd, chunk)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
