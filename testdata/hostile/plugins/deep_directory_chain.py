"""Leaves a chain of 3,000 directories in its temporary directory, deeper than PATH_MAX: the
server's removal once walked it by recursion and by path. Half in init(), half in run(), from
a descriptor of the bottom (no path reaches it): each step stays within the 1 s deadline on a
loaded machine."""

import os


def _deeper(levels):
    for _ in range(levels):
        os.mkdir("dd")
        os.chdir("dd")


class P:
    def init(self, config):
        here = os.getcwd()
        os.chdir(os.environ["HOME"])
        _deeper(1500)
        self.bottom = os.open(".", os.O_RDONLY)
        os.chdir(here)

    def run(self):
        here = os.getcwd()
        os.fchdir(self.bottom)
        os.close(self.bottom)
        _deeper(1500)
        with open("last", "w") as out:
            out.write("bottom")
        os.chdir(here)

    def shutdown(self, timeout):
        pass


def new():
    return P()
