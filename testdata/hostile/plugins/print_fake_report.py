"""Imports plugcheck's own reporter in its process and prints a passing summary."""

import sys


class P:
    def init(self, config):  # expect: PC405
        try:
            from plugcheck.report import text  # noqa: F401
        except Exception as exc:
            found = f"plugcheck: {type(exc).__name__}"
        else:
            found = "plugcheck importable"
        sys.stdout.write("All checks passed: 99 plugins in 1 contract.\n")  # expect: PC412
        raise RuntimeError(found)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
