"""check is a property that records the call and returns nothing: the host's check(text) calls
None. The setup function's failed call of check is the same failure, explained by this one."""

from toolhost import Plugin


class Flagged(Plugin):
    @property
    def check(self):  # expect: PC518
        self.checked = True


def plugin(version):
    return Flagged
