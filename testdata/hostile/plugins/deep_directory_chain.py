"""Leaves a chain of 1,100 directories in its temporary directory, deeper than Python's
recursion limit and than PATH_MAX (9 bytes a level): the server's removal once walked it by
recursion and by path. Half in init(), half in run(), from a descriptor of the bottom (no path
reaches it). Not deeper: Landlock checks every directory above a new one, so each level costs
more than the one before (3,000 levels took 3 s of wall time for the last 1,000 at a load of 20
on 2 CPUs, past even a starved step's bound)."""

import os


def _deeper(levels):
    for _ in range(levels):
        os.mkdir("dddddddd")
        os.chdir("dddddddd")


class P:
    def init(self, config):
        here = os.getcwd()
        os.chdir(os.environ["HOME"])
        _deeper(550)
        self.bottom = os.open(".", os.O_RDONLY)
        os.chdir(here)

    def run(self):
        here = os.getcwd()
        os.fchdir(self.bottom)
        os.close(self.bottom)
        _deeper(550)
        with open("last", "w") as out:
            out.write("bottom")
        os.chdir(here)

    def shutdown(self, timeout):
        pass


def new():
    return P()
