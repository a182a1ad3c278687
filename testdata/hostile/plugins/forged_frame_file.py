"""Raises from code compiled under a file name of its choosing: inside its own folder by
prefix, with a newline, a GitHub workflow command and terminal escapes after it."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = HERE + "/x\n::error file=README.md,line=1::All checks passed\x1b[2J/../../../../etc/passwd"
CODE = compile("def boom():\n    raise RuntimeError('forged location')\n", NAME, "exec")
SPACE = {}
exec(CODE, SPACE)


class P:
    def init(self, config):  # expect: PC405
        SPACE["boom"]()

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
