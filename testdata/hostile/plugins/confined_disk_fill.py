"""Fills its temporary directory (on /dev/shm: the machine's memory) with files each below
RLIMIT_FSIZE, 96 MiB in all, to starve the machine and every later run."""

import os
import tempfile


class P:
    def init(self, config):  # expect: PC420
        chunk = b"\0" * (1 << 20)
        directory = tempfile.mkdtemp()
        for index in range(6):
            with open(os.path.join(directory, f"fill-{index}"), "wb") as out:
                for _ in range(16 * 1024 * 1024 // len(chunk) - 1):  # just below 16 MiB a file
                    out.write(chunk)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
