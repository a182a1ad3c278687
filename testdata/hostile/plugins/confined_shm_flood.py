"""Writes 128 MiB into /dev/shm, which outlives every process."""

import os


class P:
    def init(self, config):  # expect: PC420
        chunk = b"\0" * (1 << 20)
        for index in range(8):
            with open(f"/dev/shm/plugcheck-hostile-{os.getpid()}-{index}", "wb") as out:
                for _ in range(16):
                    out.write(chunk)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
