"""Makes 40,000 empty files in its temporary directory: no block of its capped tmpfs, but an
inode of the kernel's memory each, and the server removes them one by one afterwards (a million
in one run held the fork server 15 s). One system call each (``mknod``: at a load of 23 on 2
CPUs, opening and closing each, the 16,384 the tmpfs holds took longer than even a starved
step's bound; directories, one call each too, took the server over 15 s to remove)."""

import os
import stat


class P:
    def init(self, config):  # expect: PC420
        home = os.open(os.environ["HOME"], os.O_RDONLY)
        for index in range(40000):
            os.mknod(f"f{index}", 0o600 | stat.S_IFREG, dir_fd=home)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
