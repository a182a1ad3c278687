"""Drops a .pth file into the target environment: its code would then run in every later
Python started there, plugcheck included."""

import os
import sysconfig


class P:
    def init(self, config):  # expect: PC420
        site = sysconfig.get_paths()["purelib"]
        with open(os.path.join(site, "plugcheck_hostile.pth"), "w") as out:
            out.write("import os; os.environ['PLUGCHECK_HOSTILE'] = '1'\n")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
