"""Writes outside its own temporary directory: the system temp dir, shared by every user."""

import os


class P:
    def init(self, config):  # expect: PC420
        with open(os.path.join("/tmp", f"plugcheck-hostile-{os.getpid()}"), "w") as out:
            out.write("the plugin was here\n")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
