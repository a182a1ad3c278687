"""Cannot read the workspace's secret itself, so it has the harness read it: its captured
stdout, stderr and fault files lie in its own (writable) directory, and it replaces each with a
symbolic link to the secret. The fork server, which is not confined, read them by path after
the plugin ended and put the secret in a PC412 ('writes to stdout ..., starting <secret>')."""

import os

_WORKSPACE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_SECRET = os.path.join(_WORKSPACE, "plugcheck-hostile-secret.txt")
_SLOT = os.path.dirname(os.getcwd())  # the harness's cwd is its directory's home/
for _name in ("stdout", "stderr", "fault"):
    _path = os.path.join(_SLOT, _name)
    os.remove(_path)  # expect: PC411
    os.symlink(_SECRET, _path)


class P:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
