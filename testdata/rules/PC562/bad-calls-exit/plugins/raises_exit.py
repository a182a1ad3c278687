"""check() raises SystemExit: the host's call ends the host."""

from toolhost import Plugin


class Done(Plugin):
    def check(self, text):
        raise SystemExit(0)  # expect: PC562


def plugin(version):
    return Done
