"""Drops a file into the real home directory, found through pwd (not $HOME, which is a decoy)."""

import os
import pwd


class P:
    def init(self, config):  # expect: PC420
        home = pwd.getpwuid(os.getuid()).pw_dir
        with open(os.path.join(home, ".plugcheck-hostile-canary"), "w") as out:
            out.write("the plugin was here\n")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
