"""Looks through every process it can see for a CI secret in its environment: plugcheck's own
environment is not scrubbed, and without Landlock (or a PID namespace) /proc/<pid>/environ of
plugcheck is readable by any process of the same user."""

import os


def _secrets():
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as environ:
                variables = environ.read().split(b"\0")
        except OSError:
            continue
        found += [v.decode() for v in variables if v.startswith(b"PLUGCHECK_HOSTILE_SECRET=")]
    return found


class P:
    def init(self, config):  # expect: PC405
        raise RuntimeError(f"found: {_secrets()!r}")

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
