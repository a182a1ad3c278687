"""Creates 40,000 empty files in its temporary directory: no block of its capped tmpfs, but
an inode of the kernel's memory each, and the server removes them one by one afterwards (a
million in one run held the fork server 15 s)."""

import os


class P:
    def init(self, config):  # expect: PC420
        home = os.environ["HOME"]
        for index in range(40000):
            os.close(os.open(os.path.join(home, f"f{index}"), os.O_CREAT | os.O_WRONLY, 0o600))

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
