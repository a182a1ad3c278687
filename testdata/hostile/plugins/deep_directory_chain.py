"""Leaves a chain of 3,000 directories in its temporary directory, deeper than PATH_MAX: the
server's removal once walked it by recursion and by path. A third in each of init(), run() and
shutdown(), from a descriptor of the bottom (no path reaches it): each step stays within the 1 s
deadline on a loaded machine (1,500 in run() took 3 s of wall time at a load of 20 on 2 CPUs,
past even the starved bound of 3 deadlines)."""

import os


def _deeper(levels, start=None):
    here = os.getcwd()
    if start is None:
        os.chdir(os.environ["HOME"])
    else:
        os.fchdir(start)
        os.close(start)
    for _ in range(levels):
        os.mkdir("dd")
        os.chdir("dd")
    bottom = os.open(".", os.O_RDONLY)
    os.chdir(here)
    return bottom


class P:
    def init(self, config):
        self.bottom = _deeper(1000)

    def run(self):
        self.bottom = _deeper(1000, self.bottom)

    def shutdown(self, timeout):
        if self.bottom is None:
            return
        bottom, self.bottom = _deeper(1000, self.bottom), None
        with open(os.open("last", os.O_WRONLY | os.O_CREAT, 0o600, dir_fd=bottom), "w") as out:
            out.write("bottom")
        os.close(bottom)


def new():
    return P()
