"""Reads the environment of the harness worker and of plugcheck (CI secrets live there)."""

import os


def _ancestors():
    pid = os.getppid()
    while pid > 1:
        yield pid
        with open(f"/proc/{pid}/stat") as stat:
            pid = int(stat.read().rsplit(")", 1)[1].split()[1])


class P:
    def init(self, config):  # expect: PC420
        self.secrets = []
        for pid in list(_ancestors())[:2]:
            with open(f"/proc/{pid}/environ", "rb") as environ:
                self.secrets.append(environ.read())

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
