"""Lists the machine's TLS private keys and puts their names into its own finding. Root owns
/etc/ssl/private (mode 0710), so a plugin running as root reads it without any capability, and
the sandbox's read rules granted /etc/ssl whole, for its certificates."""

import os

FOLDERS = ("/etc/ssl/private", "/etc/pki/tls/private")


class P:
    def init(self, config):  # expect: PC420
        for folder in FOLDERS:
            if os.geteuid() == 0 and os.path.isdir(folder):  # stat is never refused
                raise RuntimeError(f"listed {folder}: {os.listdir(folder)}")
        # Where there is no such folder (or it is not root's to read), a read the sandbox
        # refuses all the same: the workspace beside the checkout.
        workspace = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        with open(os.path.join(workspace, "plugcheck-hostile-secret.txt")) as secret:
            raise RuntimeError(secret.read(200))

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
