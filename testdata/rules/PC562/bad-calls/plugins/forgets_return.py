"""check() collects its messages but returns nothing: the host iterates None."""

from toolhost import Plugin


class Collecting(Plugin):
    def check(self, text):  # expect: PC562
        self.messages = text.split()


def plugin(version):
    return Collecting
