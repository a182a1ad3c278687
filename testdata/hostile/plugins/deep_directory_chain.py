"""Leaves a chain of 3,000 directories in its temporary directory, deeper than PATH_MAX: the
server's removal once walked it by recursion and by path."""

import os


class P:
    def init(self, config):
        here = os.getcwd()
        os.chdir(os.environ["HOME"])
        for _ in range(3000):
            os.mkdir("dd")
            os.chdir("dd")
        with open("last", "w") as out:
            out.write("bottom")
        os.chdir(here)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
