"""Looks for secrets in its environment, /proc/self/environ and its parent's (the fork
server's) /proc/<ppid>/environ, and puts what it found into its own finding's message."""
import os

SEEN = {}
for where in ("/proc/self/environ", f"/proc/{os.getppid()}/environ"):
    try:
        with open(where, "rb") as handle:
            names = [e.split(b"=", 1)[0].decode() for e in handle.read().split(b"\0") if e]
    except OSError as exc:
        names = [f"unreadable: {exc}"]
    SEEN[where.replace(str(os.getppid()), "<ppid>")] = names
SEEN["os.environ"] = sorted(os.environ)
SECRETS = {
    k: v for k, v in os.environ.items() if "SECRET" in k or "TOKEN" in k
}
for where in ("/proc/self/environ", f"/proc/{os.getppid()}/environ"):
    try:
        with open(where, "rb") as handle:
            for entry in handle.read().split(b"\0"):
                if b"SECRET" in entry or b"TOKEN" in entry:
                    SECRETS[where] = entry.decode()
    except OSError:
        pass


class P:
    def init(self, config):
        raise RuntimeError(f"environment names {SEEN}; secrets {SECRETS}")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
